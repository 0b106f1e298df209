import base64
import json


def transform(event, context):
    # Firehose data transformation: return every record, cleaned, with its id.
    out = []
    for record in event["records"]:
        data = json.loads(base64.b64decode(record["data"]))
        data.pop("ip", None)
        cleaned = base64.b64encode((json.dumps(data) + "\n").encode()).decode()
        out.append({"recordId": record["recordId"], "result": "Ok", "data": cleaned})
    return {"records": out}
