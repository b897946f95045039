from django.apps import AppConfig


class BenlucConfig(AppConfig):
    name = "benluc"
    verbose_name = "Bến Lức"
