"""Defect 11: an import's failure reason never repeats what the file says."""

import pytest

from tests.factories import create_account, signed_in_user
from tests.imports.helpers import imported

SECRET = "secret-4f81c2"
FILES = {
    "external entity": (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///{SECRET}">]>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&x;</Document>'
    ),
    "external DTD": (
        f'<?xml version="1.0"?><!DOCTYPE Document SYSTEM "http://{SECRET}.example/x.dtd">'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>'
    ),
    "undefined entity": (
        '<?xml version="1.0"?>'
        f'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&{SECRET};</Document>'
    ),
}


@pytest.mark.parametrize("content", FILES.values(), ids=FILES.keys())
async def test_xml_failures_do_not_echo_the_file(app, client, content):
    user = await signed_in_user(app, client, "xml@example.com")
    account = await create_account(client, user)
    result = await imported(client, user, account["id"], content.encode())
    assert result["status"] == "failed"
    assert result["error"]["code"] == "IMPORT_UNREADABLE"
    assert SECRET not in str(result)
