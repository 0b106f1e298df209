import json
import os


def handler(event, context):
    # Placeholder: a real function would read the image, resize it and write
    # the thumbnail to os.environ["THUMBNAILS"].
    for record in event.get("Records", []):
        print(json.dumps({"key": record["s3"]["object"]["key"], "to": os.environ["THUMBNAILS"]}))
