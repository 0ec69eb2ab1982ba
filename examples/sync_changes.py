#!/usr/bin/env python3
"""Keep a copy of Samenspel's learning questions in sync, with the change feed.

A partner's integration script in the smallest form: read everything once, then follow
`changes` from the cursor taken *before* that first read, so nothing that happens meanwhile is
lost. Each event names a record; the script reads the record again (what it may see now) and
stores it, or drops it when `node` is null (deleted, or no longer visible to this token). When
the cursor is older than the retention period the server answers CURSOR_EXPIRED, and the script
starts over. Standard library only.

    python3 examples/sync_changes.py --url http://127.0.0.1:8000/graphql \\
        --token "$SAMENSPEL_TOKEN" --state questions.json          # follow, every 5 seconds
    python3 examples/sync_changes.py ... --once                   # catch up once and stop
"""

import argparse
import json
import os
import sys
import time
import urllib.request

QUESTION = "id title status version visibility"
ALL = """query($after: String) {
  learningQuestions(first: 100, after: $after) { nodes { %s } pageInfo { hasNextPage endCursor } }
}""" % QUESTION
CHANGES = """query($after: String) {
  changes(after: $after, first: 100, filter: { entityTypes: [LEARNING_QUESTION] }) {
    nodes { action nodeId node { ... on LearningQuestion { %s } } }
    pageInfo { hasNextPage endCursor }
  }
}""" % QUESTION


class Expired(Exception):
    """The cursor is older than the retention period."""


def call(url, token, query, variables):
    body = json.dumps({"query": query, "variables": variables}).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as res:
        answer = json.load(res)
    for e in answer.get("errors") or []:
        if e.get("extensions", {}).get("reason") == "CURSOR_EXPIRED":
            raise Expired()
        raise RuntimeError("%s (%s)" % (e.get("message"), e.get("extensions", {}).get("code")))
    return answer["data"]


def full_sync(url, token):
    """Everything, read after taking the cursor to follow from."""
    cursor = call(url, token, "{ changesCursor }", {})["changesCursor"]
    records, after = {}, None
    while True:
        page = call(url, token, ALL, {"after": after})["learningQuestions"]
        for q in page["nodes"]:
            records[q["id"]] = q
        if not page["pageInfo"]["hasNextPage"]:
            return {"cursor": cursor, "records": records}
        after = page["pageInfo"]["endCursor"]


def catch_up(url, token, state):
    """Applies every change after the state's cursor; returns how many."""
    applied = 0
    while True:
        page = call(url, token, CHANGES, {"after": state["cursor"]})["changes"]
        for event in page["nodes"]:
            if event["node"] is None:
                state["records"].pop(event["nodeId"], None)
            else:
                state["records"][event["nodeId"]] = event["node"]
            applied += 1
        state["cursor"] = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            return applied


def save(path, state):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--url", required=True)
    p.add_argument("--token", default=os.environ.get("SAMENSPEL_TOKEN"))
    p.add_argument("--state", required=True, help="JSON file holding the copy and the cursor")
    p.add_argument("--once", action="store_true", help="catch up once, then stop")
    p.add_argument("--interval", type=float, default=5.0)
    args = p.parse_args()
    state = None
    if os.path.exists(args.state):
        with open(args.state) as f:
            state = json.load(f)
    while True:
        try:
            if state is None:
                state = full_sync(args.url, args.token)
                print("full sync: %d questions" % len(state["records"]))
            n = catch_up(args.url, args.token, state)
            print("applied %d changes" % n)
        except Expired:
            print("cursor expired: starting over")
            state = None
            continue
        save(args.state, state)
        if args.once:
            return 0
        time.sleep(args.interval)


if __name__ == "__main__":
    sys.exit(main())
