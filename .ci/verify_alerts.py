"""Checks the sandbox's alert deliveries with the Standard Webhooks project's own Python
library, an implementation that is not ours: every delivery must verify with each secret in
force (the webhook's secret was rotated, so both sign), and must fail with a third secret."""

import json
import sys

from standardwebhooks import Webhook, WebhookVerificationError

dump = json.load(open(sys.argv[1]))
deliveries = dump["deliveries"]
assert deliveries, "no deliveries recorded"
stranger = Webhook("whsec_" + "c3RyYW5nZXItc2VjcmV0LWtleS0xMjM0NTY=")
for delivery in deliveries:
    for secret in dump["secrets"]:
        event = Webhook(secret).verify(delivery["body"], delivery["headers"])
        assert event["id"] == delivery["headers"]["webhook-id"], event
    try:
        stranger.verify(delivery["body"], delivery["headers"])
    except WebhookVerificationError:
        pass
    else:
        raise AssertionError("a delivery verified with a secret that never signed it")
print(f"standardwebhooks verified {len(deliveries)} deliveries with each of {len(dump['secrets'])} secrets")
