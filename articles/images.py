"""Photo uploads: validation, normalisation (orientation, EXIF) and renditions."""

import io
import logging
import os
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def validate_photo(upload):
    """Accept only a real JPEG/PNG/WebP within the size and pixel limits."""
    if upload is None or getattr(upload, "_committed", False):
        return  # a stored photo was checked when it was uploaded
    if getattr(getattr(upload, "file", upload), "photo_checked", False):
        return  # the form field checked this upload already (the model validator runs too)
    if getattr(upload, "size", 0) > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("Ảnh quá lớn (%(size)s MB). Giới hạn là %(limit)s MB.")
            % {
                "size": round(upload.size / 1048576, 1),
                "limit": settings.PHOTO_MAX_BYTES // 1048576,
            }
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat it as an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if image.format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("Định dạng %(fmt)s không được nhận. Hãy tải lên ảnh JPEG, PNG hoặc WebP.")
                        % {"fmt": image.format}
                    )
                if width * height > settings.PHOTO_MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels()
    except Exception:
        raise ValidationError(INVALID_PHOTO)
    finally:
        upload.seek(position)


INVALID_PHOTO = _("Tệp tải lên không phải là ảnh hợp lệ (JPEG, PNG hoặc WebP) hoặc đã bị hỏng.")


class PhotoFormField(forms.ImageField):
    """Runs our checks (with their precise messages) before Django's own image check."""

    default_error_messages = {"invalid_image": INVALID_PHOTO}

    def to_python(self, data):
        if data not in self.empty_values:
            validate_photo(data)
            data.photo_checked = True
        return super().to_python(data)


class PhotoField(models.ImageField):
    """An ImageField validated by `validate_photo` in forms, with Vietnamese messages."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


def _too_many_pixels(width=None, height=None):
    limit = settings.PHOTO_MAX_PIXELS // 1_000_000
    if width:
        return ValidationError(
            _("Ảnh có kích thước %(w)s×%(h)s điểm ảnh, vượt giới hạn %(limit)s megapixel.")
            % {"w": width, "h": height, "limit": limit}
        )
    return ValidationError(
        _("Ảnh có số điểm ảnh vượt giới hạn %(limit)s megapixel (nghi là ảnh “bom giải nén”).")
        % {"limit": limit}
    )


def normalised_photo(fieldfile):
    """Return the upload re-encoded upright and without EXIF (GPS included), or None."""
    fieldfile.seek(0)
    with Image.open(fieldfile) as image:
        fmt = image.format
        upright = ImageOps.exif_transpose(image)
        if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        buffer = io.BytesIO()
        options = {"quality": 90, "optimize": True} if fmt in ("JPEG", "WEBP") else {}
        # Saving without exif= drops every EXIF tag, the location included.
        upright.save(buffer, format=fmt, **options)
        size = upright.size
    base = os.path.splitext(os.path.basename(fieldfile.name))[0]
    return ContentFile(buffer.getvalue(), name=f"{base}.{ALLOWED_FORMATS[fmt]}"), size


def build_renditions(fieldfile):
    """Resized WebP copies for srcset: [{"width": w, "url": url}, …], narrowest first."""
    from easy_thumbnails.files import get_thumbnailer

    renditions = []
    try:
        thumbnailer = get_thumbnailer(fieldfile)
        original_width = fieldfile.width
        for width in settings.PHOTO_RENDITION_WIDTHS:
            if width >= original_width:
                break
            thumb = thumbnailer.get_thumbnail({"size": (width, 0)})
            renditions.append({"width": thumb.width, "url": thumb.url})
    except Exception:
        # A missing rendition means a bigger download, not a broken page.
        logger.exception("Could not build renditions for %s", fieldfile.name)
    return renditions


class PhotoMixin:
    """For models holding a photo: names its file, width, height and renditions fields
    (None where a model does not keep one)."""

    photo_fields = ("image", "width", "height", "renditions")

    def _photo(self):
        return getattr(self, self.photo_fields[0])

    def prepare_photo(self):
        """Before saving a new upload: rotate it upright and drop EXIF. True if new."""
        name, width, height, renditions = self.photo_fields
        fieldfile = self._photo()
        new = bool(fieldfile) and not getattr(fieldfile, "_committed", True)
        if new:
            content, size = normalised_photo(fieldfile)
            fieldfile.save(content.name, content, save=False)
            for field, value in ((width, size[0]), (height, size[1])):
                if field:
                    setattr(self, field, value)
        if renditions and (new or not fieldfile):
            setattr(self, renditions, [])
        return new

    def schedule_renditions(self):
        """Build renditions once the row is committed (a failed save leaves none behind).

        This runs at the end of the admin request that uploaded the photo; it is one
        function with no request state, ready to move to a task queue unchanged.
        """
        from django.db import transaction

        from sites.models import Site

        from .signals import affected_sites

        pk, model = self.pk, type(self)
        name, _w, _h, renditions = self.photo_fields

        def build():
            obj = model._base_manager.filter(pk=pk).first()
            if obj is not None and obj._photo():
                model._base_manager.filter(pk=pk).update(
                    **{renditions: build_renditions(obj._photo())}
                )
                Site.objects.bump(affected_sites(obj))  # pages cached meanwhile lack the srcset

        transaction.on_commit(build)

    def photo_srcset(self):
        """`url 480w, url 800w, original 1600w` for the photo, or ''."""
        _name, width, _h, renditions = self.photo_fields
        fieldfile = self._photo()
        if not fieldfile:
            return ""
        parts = [f"{r['url']} {r['width']}w" for r in getattr(self, renditions) or []]
        if parts and getattr(self, width):
            parts.append(f"{fieldfile.url} {getattr(self, width)}w")
        return ", ".join(parts)
