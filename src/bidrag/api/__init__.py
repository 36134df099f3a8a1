"""The read-only JSON API (django-ninja) at ``/api/``: session sign-in, scoped like the pages."""
