"""Placeholder for the index function of examples/photo-pipeline.stack.

It logs each change from the photos table's stream; a real version would
update a search index.
"""
import json


def index(event, context):
    records = event.get("Records", [])
    for record in records:
        print(json.dumps({
            "event": record.get("eventName"),
            "keys": record.get("dynamodb", {}).get("Keys"),
        }))
    return {"processed": len(records)}
