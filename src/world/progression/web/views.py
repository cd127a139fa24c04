"""The website's Progression page: a shell the browser fills from the JSON API, so the rules
live in one place (the services behind the API)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie


@login_required
@ensure_csrf_cookie
def progression_page(request):
    return render(request, "progression/page.html", {"page_title": "Progression"})
