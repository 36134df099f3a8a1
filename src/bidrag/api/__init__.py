"""The JSON API (django-ninja) at ``/api/v1/``: tokens or session, scoped like the pages.

``api.py`` holds the NinjaAPI and the list of router modules (``ROUTERS``); ``auth.py`` the
token and session authentication; ``errors.py`` the one error shape; ``access.py`` who may call
what; ``schemas.py`` what comes back; one module per resource (``decisions``, ``recipients``,
``payment_details``, ``appropriations``).
"""
