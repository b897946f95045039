"""`make bench`: the public pages side by side with nginx's limit and Django's floors."""
