import json
import socket
import uuid

import boto3
import pytest
from django.test.client import MULTIPART_CONTENT

from tools.storage import storages

MOTO_KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def upload(client, file, path="/v1/images", field="image"):
    return client.post(path, {field: file} if file is not None else {}, content_type=MULTIPART_CONTENT)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def public_read_policy(bucket):
    """What docs/images.md tells an operator to set: anyone may read, nobody may list."""
    return {"Version": "2012-10-17", "Statement": [{
        "Sid": "PublicRead", "Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}]}


@pytest.fixture(scope="session")
def s3_server():
    """A local S3-compatible server (moto's server mode) on a free port."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_server, settings):
    """A fresh bucket, and the default storage pointed at it the way STORAGE_URL does."""
    name = f"jiuzhi-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **MOTO_KEYS)
    client.create_bucket(Bucket=name)
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
    url = f"s3://{name}?endpoint={s3_server}&region=us-east-1"
    settings.STORAGES = storages(url, MOTO_KEYS["aws_access_key_id"], MOTO_KEYS["aws_secret_access_key"])
    client.bucket = name
    return client
