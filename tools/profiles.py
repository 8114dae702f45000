"""Profile fields counted by apps above the user app (docs/api.md §12: `topics_count`,
`followers`, `following`).

The user app shows a profile but may not import the apps that count things about a
person; each of those registers a provider here in its `AppConfig.ready()`, the way
receivers connect to tools.events. A provider takes (user, viewer) and returns a dict
of fields; it is a read and must not write.
"""
_providers = {}


def provide(name, provider):
    """Register `provider(user, viewer) -> dict` under `name` (once, however often called)."""
    _providers[name] = provider


def extra_fields(user, viewer):
    fields = {}
    for provider in _providers.values():
        fields.update(provider(user, viewer))
    return fields
