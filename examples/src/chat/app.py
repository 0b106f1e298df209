import json
import os
import urllib.request

import boto3

# WEBHOOK_SECRET holds the ARN of the Secrets Manager secret whose value is the
# chat's incoming-webhook URL; the URL itself is never in the environment.
_secrets = boto3.client("secretsmanager")
_webhook_url = None


def webhook_url():
    global _webhook_url
    if _webhook_url is None:
        secret = _secrets.get_secret_value(SecretId=os.environ["WEBHOOK_SECRET"])
        _webhook_url = secret["SecretString"].strip()
    return _webhook_url


def handler(event, context):
    for record in event.get("Records", []):
        message = record["Sns"]["Message"]
        body = json.dumps({"text": f"Alarm: {message}"}).encode()
        request = urllib.request.Request(webhook_url(), data=body,
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=5)
