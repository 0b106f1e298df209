import json
import os
import urllib.request


def handler(event, context):
    for record in event.get("Records", []):
        message = record["Sns"]["Message"]
        body = json.dumps({"text": f"Alarm: {message}"}).encode()
        request = urllib.request.Request(os.environ["WEBHOOK_URL"], data=body,
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=5)
