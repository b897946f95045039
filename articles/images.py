"""Photo uploads: validation, normalisation (orientation, EXIF) and renditions."""

import io
import logging
import os
import secrets
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from benluc.text import slugify_vi

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


def _pixels_only(image):
    """A copy of `image` with its pixels and nothing else.

    Pillow writes back some of what it read (a JPEG's COM comment and XMP, an ICC
    profile), so the copy's `info` is emptied: no EXIF, XMP, comment, text chunk or
    profile is written. An embedded colour profile is applied first (converted to
    sRGB), so colours stay as the photographer saw them. PNG transparency is pixels
    and is kept.
    """
    icc = image.info.get("icc_profile")
    if icc:
        try:
            mode = image.mode if image.mode in ("RGB", "RGBA", "L") else "RGB"
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"),
                outputMode=mode,
            )
        except Exception:  # an unreadable profile: keep the pixels as they are
            logger.info("Ignoring an unreadable colour profile")
    clean = image.copy()
    clean.info = {key: image.info[key] for key in ("transparency",) if key in image.info}
    return clean


def normalised_photo(fieldfile):
    """The upload re-encoded upright with no metadata at all, under an unguessable name.

    Returns (file, (width, height)). The name keeps the original's (folded) words for the
    newsroom and adds a random token: a photo of an unpublished article cannot be found by
    guessing its address.
    """
    fieldfile.seek(0)
    with Image.open(fieldfile) as image:
        fmt = image.format
        upright = _pixels_only(ImageOps.exif_transpose(image))
        if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        buffer = io.BytesIO()
        options = {"quality": 90, "optimize": True} if fmt in ("JPEG", "WEBP") else {}
        upright.save(buffer, format=fmt, **options)
        size = upright.size
    base = slugify_vi(os.path.splitext(os.path.basename(fieldfile.name))[0])[:40] or "anh"
    name = f"{base}-{secrets.token_urlsafe(12)}.{ALLOWED_FORMATS[fmt]}"
    return ContentFile(buffer.getvalue(), name=name), size


def build_renditions(fieldfile, crops=(), focal=(50, 50)):
    """What readers download instead of the original upload.

    Full-frame WebP copies for srcset (`{"width", "height", "url"}`, narrowest first, the
    widest at most PHOTO_RENDITION_WIDTHS' last width, and always at least one, so no page
    needs the original), then each named crop of PHOTO_CROPS cut around the focal point
    (`{"crop": name, …}`): 16:9 teasers, the 1200×630 share image (JPEG, which every social
    network reads).
    """
    from easy_thumbnails.files import get_thumbnailer

    renditions = []
    try:
        original_width = fieldfile.width
        widths = [w for w in settings.PHOTO_RENDITION_WIDTHS if w < original_width]
        if original_width <= settings.PHOTO_RENDITION_WIDTHS[-1]:
            widths.append(original_width)  # re-encoded at its own size: still not the original
        thumbnailer = get_thumbnailer(fieldfile)
        for width in widths:
            thumb = thumbnailer.get_thumbnail({"size": (width, 0)})
            renditions.append({"width": thumb.width, "height": thumb.height, "url": thumb.url})
        target = tuple(int(round(v)) for v in focal)
        for name in crops:
            share = name == "share"
            cropper = get_thumbnailer(fieldfile)
            if share:
                cropper.thumbnail_extension = "jpg"
            for size in settings.PHOTO_CROPS[name]:
                thumb = cropper.get_thumbnail(
                    {"size": size, "crop": True, "target": target, "upscale": share}
                )
                renditions.append(
                    {"crop": name, "width": thumb.width, "height": thumb.height, "url": thumb.url}
                )
    except Exception:
        # A missing rendition means a photo left out, not a broken page.
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
                    **{renditions: build_renditions(obj._photo(), obj.photo_crops, obj.photo_focal())}
                )
                Site.objects.bump(affected_sites(obj))  # pages cached meanwhile lack the srcset

        transaction.on_commit(build)

    # Named crops (PHOTO_CROPS) this model's photo gets besides the full-frame copies.
    photo_crops = ()

    def photo_focal(self):
        """The point (x %, y %) that crops keep in the frame."""
        return (50, 50)

    def photo_renditions(self):
        """The photo's renditions, built now if an older upload has none (or lacks a crop).

        Normally they are built right after the upload's transaction commits; this catches
        photos stored before a rendition kind existed, once, and keeps the result.
        """
        _name, _w, _h, field = self.photo_fields
        fieldfile = self._photo()
        if not field or not fieldfile:
            return []
        renditions = getattr(self, field) or []
        have = {r.get("crop") for r in renditions}
        if not renditions or None not in have or not set(self.photo_crops) <= have:
            renditions = build_renditions(fieldfile, self.photo_crops, self.photo_focal())
            if renditions and self.pk:
                type(self)._base_manager.filter(pk=self.pk).update(**{field: renditions})
            setattr(self, field, renditions)
        return renditions

    def _copies(self, crop=None):
        return [r for r in self.photo_renditions() if r.get("crop") == crop]

    def photo_srcset(self, crop=None):
        """`url 480w, url 800w, …` over the renditions (or one crop's sizes); never the original."""
        return ", ".join(f"{r['url']} {r['width']}w" for r in self._copies(crop))

    def photo_rendition(self, crop=None, width=1200):
        """The copy for `src`: the widest up to `width` (else the narrowest), or None."""
        copies = self._copies(crop)
        if not copies:
            return None
        fitting = [r for r in copies if r["width"] <= width]
        return fitting[-1] if fitting else copies[0]

    def photo_src(self, crop=None, width=1200):
        rendition = self.photo_rendition(crop, width)
        return rendition["url"] if rendition else ""
