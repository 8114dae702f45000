from django.apps import AppConfig


class PortingConfig(AppConfig):
    name = "porting"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # XML-RPC requests are parsed by xmlrpc.client's expat parser: swap in defusedxml's
        # (no entity expansion, no external references) before any request is read.
        from defusedxml import xmlrpc

        xmlrpc.monkey_patch()
