"""What the porting app's responses look like."""
from tools.http import fmt_time


def import_data(job, progress=None):
    """The import's report; while it runs, the counts so far (`progress`)."""
    data = {
        "id": job.id, "status": job.status, "file_name": job.file_name,
        "total": job.total, "imported": job.imported, "skipped": job.skipped,
        "skipped_kinds": job.skipped_kinds, "warnings": job.warnings,
        "created_time": fmt_time(job.created_time),
    }
    if progress is not None:
        data["imported"], data["skipped"] = progress
    if job.status == job.FAILED:
        data["error"] = job.error
    return data


def app_password_data(app_password, secret=None):
    data = {"id": app_password.id, "name": app_password.name,
            "created_time": fmt_time(app_password.created_time),
            "last_used_time": fmt_time(app_password.last_used_time)}
    if secret is not None:
        data["password"] = secret
    return data
