from django.apps import AppConfig


class TopicConfig(AppConfig):
    name = "topic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from topic import receivers

        receivers.connect()
