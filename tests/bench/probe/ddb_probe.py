"""Bench-only DynamoDB probe for MiniStack (pinned 1.5.33).

MiniStack keeps no record of DynamoDB requests, and the ConsumedCapacity it
returns charges every read a flat 0.5/1 unit whatever the item size. To bill
reads and writes the way DynamoDB does, this wraps the emulator's DynamoDB
request handler and appends one JSON line per data-plane request with the
sizes of the items it touched (via MiniStack's own item-size function):
writes as old/new item size and the index entries they change, reads as the
size of each item read, queries as the items the emulator evaluated for the
page (before filters and projections, which DynamoDB bills too).
Requests and responses pass through unchanged; tests/bench/cost/dynamodb-units.ts
turns these sizes into request units.
"""
import copy
import json
import re
import threading
import time

_ACCESS_KEY = re.compile(r"Credential=([^/,\s]+)/")
_write_lock = threading.Lock()
# Items the emulator evaluated for the current Query/Scan page. Handlers run
# synchronously on MiniStack's event loop, so one slot per thread suffices.
_page = threading.local()


def install(log_path):
    from ministack.services import dynamodb as ddb

    original_handle = ddb.handle_request
    original_paginate = ddb._paginate_evaluated_items

    def paginate(items, limit, table, index_name=None):
        page, has_more = original_paginate(items, limit, table, index_name)
        entries = [ddb._apply_index_projection(it, table, index_name) if index_name else it for it in page]
        _page.sizes = [ddb._item_size_bytes(entry) for entry in entries]
        return page, has_more

    ddb._paginate_evaluated_items = paginate

    def table_of(name):
        return ddb._tables.get(ddb._normalize_table_name(name))

    def item_at(table, key_attrs):
        if not table:
            return None
        pk, sk, err = ddb._resolve_table_key_values(table, key_attrs, allow_extra=True)
        if err:
            return None
        return table["items"].get(pk, {}).get(sk)

    def key_of(table, item):
        return ddb._extract_key_from_item(table, item or {}) if table else {}

    def size(item):
        return ddb._item_size_bytes(item) if item else None

    def index_changes(table, old, new):
        changes = []
        for idx in table.get("GlobalSecondaryIndexes", []) or []:
            ov = ddb._index_write_view(table, idx, old)
            nv = ddb._index_write_view(table, idx, new)
            if ov is None and nv is None:
                continue
            changes.append({
                "index": idx.get("IndexName"),
                "oldBytes": ddb._item_size_bytes(ov[1]) if ov else None,
                "newBytes": ddb._item_size_bytes(nv[1]) if nv else None,
                "moved": bool(ov and nv and ov[0] != nv[0]),
                "unchanged": bool(ov and nv and ov[1] == nv[1]),
            })
        return changes

    def write_targets(action, data):
        """(kind, table name, key attributes) of every item a write request touches."""
        if action == "PutItem":
            return [("Put", data.get("TableName"), None, data.get("Item"))]
        if action in ("UpdateItem", "DeleteItem"):
            return [(action[:-4], data.get("TableName"), data.get("Key"), None)]
        if action == "BatchWriteItem":
            return [
                ("Put" if "PutRequest" in req else "Delete", name,
                 (req.get("DeleteRequest") or {}).get("Key"), (req.get("PutRequest") or {}).get("Item"))
                for name, reqs in (data.get("RequestItems") or {}).items() for req in reqs
            ]
        if action == "TransactWriteItems":
            targets = []
            for entry in data.get("TransactItems") or []:
                for kind, op in entry.items():
                    targets.append((kind, op.get("TableName"), op.get("Key"), op.get("Item")))
            return targets
        return []

    def resolve(targets):
        resolved = []
        for kind, name, key, item in targets:
            table = table_of(name)
            key = key if key is not None else key_of(table, item)
            resolved.append((kind, name, table, key, copy.deepcopy(item_at(table, key)), item))
        return resolved

    def describe_writes(resolved):
        writes = []
        for kind, name, table, key, old, requested in resolved:
            new = item_at(table, key)
            writes.append({
                "kind": kind, "table": name, "oldBytes": size(old), "newBytes": size(new),
                # A Put's own item: what a failed conditional Put is billed on when it is the larger.
                "requestBytes": size(requested),
                "indexes": index_changes(table, old, new) if table and kind != "ConditionCheck" else [],
            })
        return writes

    def describe_reads(action, data):
        if action == "GetItem":
            return [{"table": data.get("TableName"), "consistent": bool(data.get("ConsistentRead")),
                     "bytes": [size(item_at(table_of(data.get("TableName")), data.get("Key")))]}]
        if action == "BatchGetItem":
            return [{"table": name, "consistent": bool(spec.get("ConsistentRead")),
                     "bytes": [size(item_at(table_of(name), key)) for key in spec.get("Keys") or []]}
                    for name, spec in (data.get("RequestItems") or {}).items()]
        if action == "TransactGetItems":
            return [{"table": (e.get("Get") or {}).get("TableName"), "consistent": True, "transactional": True,
                     "bytes": [size(item_at(table_of((e.get("Get") or {}).get("TableName")), (e.get("Get") or {}).get("Key")))]}
                    for e in data.get("TransactItems") or []]
        if action in ("Query", "Scan"):
            return [{"table": data.get("TableName"), "index": data.get("IndexName"),
                     "consistent": bool(data.get("ConsistentRead")), "page": True,
                     "bytes": list(getattr(_page, "sizes", []))}]
        return []

    def append(record):
        line = json.dumps(record, separators=(",", ":"))
        with _write_lock, open(log_path, "a", encoding="utf-8") as log:
            log.write(line + "\n")

    async def handle_request(method, path, headers, body, query_params):
        action = headers.get("x-amz-target", "").rsplit(".", 1)[-1]
        try:
            data = json.loads(body) if body else {}
            resolved = resolve(write_targets(action, data))
        except Exception:
            return await original_handle(method, path, headers, body, query_params)
        _page.sizes = []
        started = time.time()
        status, resp_headers, resp_body = await original_handle(method, path, headers, body, query_params)
        try:
            reads = describe_reads(action, data)
            if reads or resolved:
                match = _ACCESS_KEY.search(headers.get("authorization", ""))
                append({
                    "t": started, "action": action, "status": status,
                    "accessKey": match.group(1) if match else None,
                    "reads": reads, "writes": describe_writes(resolved),
                })
        except Exception as error:  # the probe must never break the emulator
            append({"t": started, "action": action, "probeError": repr(error)})
        return status, resp_headers, resp_body

    ddb.handle_request = handle_request
    append({"t": time.time(), "action": "_probe_installed"})
