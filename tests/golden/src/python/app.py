"""Placeholder handler shared by the golden tests: logs the event it gets."""
import json


def handler(event, context):
    print(json.dumps(event))
    return {"ok": True}
