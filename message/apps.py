from django.apps import AppConfig


class MessageConfig(AppConfig):
    name = "message"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from message import receivers

        receivers.connect()
