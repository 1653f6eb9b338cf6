import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revmentor.settings")
application = get_wsgi_application()
# Every URL module and view (and what they import: numpy, scipy, openpyxl) is loaded now, as the
# worker starts, not by the first visitor after a start or a restart (about 2 s on 2 cores).
get_resolver().url_patterns  # noqa: B018
