"""Schemathesis hooks of tests/e2e/api-fuzz.test.ts: every request carries the token its route's security asks for."""

import os

import schemathesis

# The EDI and batch channels take their documents as text: send generated bodies as text/plain would be sent.
schemathesis.serializer.alias("application/edi-x12", "text/plain")
schemathesis.serializer.alias("text/csv", "text/plain")


@schemathesis.auth(refresh_interval=None)
class TokenOfTheRoute:
    """A staff token in every group for routes staff may call; the channel's own token for channel-only routes; none for open routes."""

    def get(self, case, context):
        return {
            "staffToken": os.environ["FUZZ_STAFF_TOKEN"],
            "portal": os.environ["FUZZ_PORTAL_TOKEN"],
            "edi": os.environ["FUZZ_EDI_TOKEN"],
            "batch": os.environ["FUZZ_BATCH_TOKEN"],
        }

    def set(self, case, data, context):
        schemes = {name for requirement in case.operation.definition.raw.get("security", []) for name in requirement}
        if not schemes:
            return
        if "staffToken" in schemes:
            token = data["staffToken"]
        else:
            # Each channel is its own app client: the EDI and batch routes serve only theirs.
            path = case.operation.path
            token = data["edi"] if path.startswith("/v1/channels/edi") else data["batch"] if path.startswith("/v1/channels/batch") else data["portal"]
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {token}"
