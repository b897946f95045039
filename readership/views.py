"""Uncached endpoints the cached pages call: the view beacon and the rating form.

Both are POSTs without a CSRF token (the cached pages carry none) and set no cookie: a forged
cross-site POST could at most add one view or one vote, which the daily dedupe of votes and
the rate limit bound. Neither keeps the client address.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from benluc.network import client_ip

from . import counter
from .models import Rating
from .pages import MAX_PATH, page_of

VOTES_PER_DAY = 200  # per client address, to bound what a script can add


@csrf_exempt
@never_cache
@require_POST
def beacon(request):
    """`navigator.sendBeacon` from every public page: the page's path as the body."""
    raw = request.body[: MAX_PATH * 4]
    try:
        path = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return HttpResponse(status=400)
    page = page_of(path)
    if page is None:
        return HttpResponse(status=400)
    counter.count_view(request.site.pk, page)
    return HttpResponse(status=204)


def voter_hash(ip, site_id, path, day):
    """A daily, keyed hash of who voted: one vote per address per page per day, no address kept."""
    message = f"{ip}|{site_id}|{path}|{day:%Y-%m-%d}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]


def _published_article(site, page):
    from articles.models import Article

    return Article.objects.published().for_site(site).filter(pk=page.article_id).exists()


@csrf_exempt
@never_cache
@require_POST
def rate(request):
    """"Thông tin có hữu ích không?": a vote from the form (plain POST) or rating.js (fetch)."""
    from_script = request.headers.get("X-Requested-With") == "fetch"
    page = page_of(request.POST.get("trang", ""))
    answer = request.POST.get("huu-ich")
    if page is None or answer not in ("co", "khong") or (
        page.article_id is not None and not _published_article(request.site, page)
    ):
        message = "Không ghi nhận được đánh giá: trang không hợp lệ."
        if from_script:
            return JsonResponse({"message": message}, status=400)
        return render(request, "readership/thanks.html", {"message": message, "back": None}, status=400)
    ip = client_ip(request) or ""
    day = timezone.localdate()
    key = f"votes:{day:%Y%m%d}:{hashlib.sha256(ip.encode()).hexdigest()[:32]}"
    if not cache.add(key, 1, 24 * 3600):
        try:
            over = cache.incr(key) > VOTES_PER_DAY
        except ValueError:
            over = False
    else:
        over = False
    recorded = False
    if not over:
        try:
            with transaction.atomic():
                Rating.objects.create(
                    site=request.site, day=day, path=page.path, helpful=answer == "co",
                    voter=voter_hash(ip, request.site.pk, page.path, day),
                )
            recorded = True
        except IntegrityError:
            pass  # already voted on this page today: thanked all the same
    message = "Cảm ơn bạn đã cho biết ý kiến."
    if from_script:
        return JsonResponse({"message": message, "recorded": recorded})
    return render(request, "readership/thanks.html", {"message": message, "back": page.path})
