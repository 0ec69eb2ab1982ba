"""A partner's webhook receiver for Samenspel, as the README shows it.

Verifies every delivery with the `standardwebhooks` package (pip install standardwebhooks==1.1.0),
answers 204 quickly, and handles each message once: deliveries come at least once, so a repeat
(the same `webhook-id`) is acknowledged and dropped. Prints one JSON line per new event.

    SAMENSPEL_WEBHOOK_SECRET=whsec_... python3 webhook_receiver.py --port 8080
"""

import argparse
import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from standardwebhooks import Webhook, WebhookVerificationError

webhook = Webhook(os.environ["SAMENSPEL_WEBHOOK_SECRET"])
seen = set()  # keep this in your database in real life


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            event = webhook.verify(body, dict(self.headers))
        except WebhookVerificationError:
            self.send_response(400)  # not from Samenspel, or too old: refuse it
            self.end_headers()
            return
        message = self.headers["webhook-id"]
        if message not in seen:
            seen.add(message)
            # Thin events: fetch the record itself with your own token when you need it.
            data = event["data"]
            print(json.dumps({"type": event["type"], "id": data.get("id"), "version": data.get("version")}), flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    server = HTTPServer(("127.0.0.1", parser.parse_args().port), Receiver)
    print(json.dumps({"listening": server.server_address[1]}), flush=True)
    server.serve_forever()
