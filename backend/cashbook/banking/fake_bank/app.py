"""The fake bank's HTTP side: the consent page and token endpoint of its OAuth2 server, and
the Accounts API v3 paths, answering the way the bank's documentation says (paging limits,
date filters, error bodies `{"errors": [{"error": CODE}]}`)."""

import html
import math
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from cashbook.banking.fake_bank.data import BIC, FakeAccount, FakeEntry
from cashbook.banking.fake_bank.state import ApiFailure, FakeBank, OAuthFailure

API = "/webapi/api/v3/accounts"
MAX_TRANSACTION_PAGE = 200
MAX_TRANSACTIONS = 10_000
MAX_ACCOUNT_PAGE = 999


def _api_error(failure: ApiFailure) -> JSONResponse:
    error: dict[str, Any] = {"error": failure.code}
    if failure.scope:
        error["scope"] = failure.scope
    return JSONResponse({"status": failure.status, "errors": [error]}, failure.status)


def _oauth_error(failure: OAuthFailure) -> JSONResponse:
    body = {"error": failure.error, "error_description": failure.description}
    return JSONResponse(body, failure.status, headers={"Cache-Control": "no-store"})


def _number(value: Decimal) -> float:
    return float(value)


def _int_param(params, name: str, default: int) -> int:
    value = params.get(name)
    if value is None:
        return default
    if not value.isdigit():
        raise ApiFailure(400, "PARAMETER_INVALID", name)
    return int(value)


def _date_param(params, name: str, today: date) -> date | None:
    value = params.get(name)
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ApiFailure(400, "DT01", f"'{name}' is not a date (yyyy-MM-dd).") from None
    if parsed > today:
        raise ApiFailure(400, "DT01", f"'{name}' can't be future date.")
    return parsed


def _account_json(bank: FakeBank, account: FakeAccount) -> dict[str, Any]:
    return {
        "id": bank.account_id(account),
        "identification": {"iban": account.iban, "other": account.other},
        "currency": account.currency,
        "servicer": {"bankCode": "0800", "countryCode": "CZ", "bic": BIC},
        "nameI18N": account.name,
        "productI18N": account.product,
        "ownersNames": [bank.customer.name],
        "relationship": {"isOwner": True},
        "suitableScope": {},
    }


def _party_account(iban: str | None, other: str | None) -> dict[str, Any] | None:
    if not iban and not other:
        return None
    identification: dict[str, Any] = {}
    if iban:
        identification["iban"] = iban
    if other:
        identification["other"] = {"identification": other}
    return {"identification": identification}


def _transaction_json(bank: FakeBank, entry: FakeEntry) -> dict[str, Any]:
    pending = bank.is_pending(entry)
    amount = entry.pending_amount if pending and entry.pending_amount else entry.amount
    incoming = amount > 0
    own = {"name": bank.customer.name}
    own_account = _party_account(entry.account.iban, entry.account.other)
    other = {"name": entry.counterparty_name} if entry.counterparty_name else None
    other_account = _party_account(entry.counterparty_iban, entry.counterparty_other)
    parties = {
        "debtor": other if incoming else own,
        "debtorAccount": other_account if incoming else own_account,
        "creditor": own if incoming else other,
        "creditorAccount": own_account if incoming else other_account,
    }
    references = [
        f"{kind}:{value}"
        for kind, value in (
            ("VS", entry.variable_symbol),
            ("SS", entry.specific_symbol),
            ("KS", entry.constant_symbol),
        )
        if value
    ]
    details: dict[str, Any] = {
        "references": {"accountServicerReference": f"{entry.sequence:013d}"},
        "relatedParties": {key: value for key, value in parties.items() if value},
        "remittanceInformation": {"unstructured": entry.message},
        "additionalTransactionInformation": {
            "card": "Platba kartou",
            "atm": "Výběr z bankomatu",
            "interest": "Připsání úroku",
            "standing-order": "Trvalý příkaz",
            "transfer-in": "Tuzemská příchozí úhrada",
            "transfer-out": "Tuzemská odchozí úhrada",
        }.get(entry.kind),
    }
    if references:
        details["remittanceInformation"]["structured"] = {
            "creditorReferenceInformation": {"reference": references}
        }
        details["references"]["endToEndIdentification"] = (
            f"VS{entry.variable_symbol or 0}/SS{entry.specific_symbol or 0}"
            f"/KS{entry.constant_symbol or 0}"
        )
    if entry.instructed:
        foreign, currency, rate = entry.instructed
        details["amountDetails"] = {
            "instructedAmount": {"amount": {"value": _number(foreign), "currency": currency}},
            "counterValueAmount": {
                "amount": {"value": _number(abs(amount)), "currency": entry.account.currency},
                "currencyExchange": {
                    "sourceCurrency": currency,
                    "targetCurrency": entry.account.currency,
                    "exchangeRate": _number(rate),
                },
            },
        }
    body: dict[str, Any] = {
        "amount": {"value": _number(abs(amount)), "currency": entry.account.currency},
        "creditDebitIndicator": "CRDT" if incoming else "DBIT",
        "status": "PDNG" if pending else "BOOK",
        "valueDate": {"date": entry.made_on.isoformat()},
        "bankTransactionCode": {
            "proprietary": {"code": 10000107000, "issuer": "Czech Banking Association"}
        },
        "entryDetails": {"transactionDetails": details},
    }
    if entry.reservation_id:
        body["reservationId"] = entry.reservation_id
    if not pending:
        body["entryReference"] = entry.entry_reference
        body["bookingDate"] = {"date": entry.books_on.isoformat()}
    return body


def _page(items: list, size: int, page: int) -> tuple[list, dict[str, Any]]:
    count = math.ceil(len(items) / size) if items else 0
    if page > 0 and page >= count:
        raise ApiFailure(404, "PAGE_NOT_FOUND", "page")
    meta: dict[str, Any] = {"pageNumber": page, "pageCount": count, "pageSize": size}
    if page + 1 < count:
        meta["nextPage"] = page + 1
    return items[page * size : (page + 1) * size], meta


def statement_months(bank: FakeBank, account: FakeAccount) -> list[str]:
    """The months ("2024-05") with a statement: every month with bookings but this one."""
    booked = [e for e in bank.visible_entries(account) if not bank.is_pending(e)]
    return sorted({f"{e.books_on:%Y-%m}" for e in booked} - {f"{bank.today():%Y-%m}"})


def camt053_statement(bank: FakeBank, account: FakeAccount, month: str) -> str:
    """A monthly statement as CAMT.053 version 2, the format the bank's business
    channels export: `NtryRef` is the API's `entryReference`."""
    entries = sorted(
        (
            e
            for e in bank.visible_entries(account)
            if not bank.is_pending(e) and f"{e.books_on:%Y-%m}" == month
        ),
        key=lambda e: (e.books_on, e.sequence),
    )

    def text(value: Any) -> str:
        return html.escape(str(value), quote=True)

    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">',
        "<BkToCstmrStmt>",
        f"<GrpHdr><MsgId>FB-{month}</MsgId><CreDtTm>{bank.now().isoformat()}</CreDtTm></GrpHdr>",
        f"<Stmt><Id>{text(account.number)}-{month}</Id>",
        f"<Acct><Id><IBAN>{account.iban}</IBAN></Id><Ccy>{account.currency}</Ccy></Acct>",
    ]
    for entry in entries:
        incoming = entry.amount > 0
        role, account_role = ("Dbtr", "DbtrAcct") if incoming else ("Cdtr", "CdtrAcct")
        party = ""
        if entry.counterparty_name:
            party += f"<{role}><Nm>{text(entry.counterparty_name)}</Nm></{role}>"
        if entry.counterparty_iban:
            party += f"<{account_role}><Id><IBAN>{entry.counterparty_iban}</IBAN></Id>"
            party += f"</{account_role}>"
        symbols = "".join(
            f"<Strd><CdtrRefInf><Tp><CdOrPrtry><Prtry>{kind}</Prtry></CdOrPrtry></Tp>"
            f"<Ref>{value}</Ref></CdtrRefInf></Strd>"
            for kind, value in (
                ("VS", entry.variable_symbol),
                ("SS", entry.specific_symbol),
                ("KS", entry.constant_symbol),
            )
            if value
        )
        parts.append(
            f"<Ntry><NtryRef>{entry.entry_reference}</NtryRef>"
            f'<Amt Ccy="{account.currency}">{abs(entry.amount):.2f}</Amt>'
            f"<CdtDbtInd>{'CRDT' if incoming else 'DBIT'}</CdtDbtInd><Sts>BOOK</Sts>"
            f"<BookgDt><Dt>{entry.books_on}</Dt></BookgDt><ValDt><Dt>{entry.made_on}</Dt></ValDt>"
            f"<AcctSvcrRef>{entry.sequence:013d}</AcctSvcrRef>"
            f"<NtryDtls><TxDtls><RltdPties>{party}</RltdPties>"
            f"<RmtInf><Ustrd>{text(entry.message or '')}</Ustrd>{symbols}</RmtInf>"
            "</TxDtls></NtryDtls></Ntry>"
        )
    parts.append("</Stmt></BkToCstmrStmt></Document>")
    return "\n".join(parts)


def _consent_page(bank: FakeBank, params: dict[str, str]) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in params.items()
    )
    accounts = "".join(
        f"<li>{html.escape(a.name)} ({html.escape(a.product)}) · …{a.iban[-6:]} · {a.currency}</li>"
        for a in bank.customer.accounts
    )
    return f"""<!doctype html>
<html lang="cs"><head><meta charset="utf-8"><title>Česká spořitelna (demo) – souhlas</title>
<style>body{{font-family:sans-serif;max-width:36rem;margin:3rem auto;color:#123}}
button{{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}}</style></head>
<body><h1>Česká spořitelna <small>(demo bank)</small></h1>
<p>Signed in as <strong>{html.escape(bank.customer.name)}</strong>.</p>
<p>The application <strong>{html.escape(params.get("client_id", ""))}</strong> asks to read
your accounts and transactions (<code>{html.escape(params.get("scope", ""))}</code>):</p>
<ul>{accounts}</ul>
<form method="post" action="">{hidden}
<button name="decision" value="allow" type="submit">Allow</button>
<button name="decision" value="deny" type="submit">Deny</button></form>
<p><small>This is Cashbook's fake bank: no real bank is contacted.</small></p>
</body></html>"""


def create_fake_bank_app(bank: FakeBank) -> Starlette:
    async def authorize_page(request: Request) -> Response:
        params = dict(request.query_params)
        try:
            bank.check_client(params.get("client_id"), params.get("redirect_uri"))
        except OAuthFailure as failure:
            # Never redirect to an unverified address: show the problem instead.
            return HTMLResponse(
                f"<h1>Invalid request</h1><p>{html.escape(failure.description)}", 400
            )
        problems = []
        if params.get("response_type") != "code":
            problems.append("unsupported_response_type")
        if "siblings.accounts" not in (params.get("scope") or "").split():
            problems.append("invalid_scope")
        if not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
            problems.append("invalid_request")
        if problems:
            query = urlencode({"error": problems[0], "state": params.get("state", "")})
            return RedirectResponse(f"{params['redirect_uri']}?{query}", 302)
        return HTMLResponse(_consent_page(bank, params))

    async def authorize_decision(request: Request) -> Response:
        # The consent form posts to its own address: the request's parameters are in the
        # query and the decision in the body (hidden fields repeat them for plain clients).
        form = {**request.query_params, **{k: str(v) for k, v in (await request.form()).items()}}
        try:
            bank.check_client(form.get("client_id"), form.get("redirect_uri"))
        except OAuthFailure as failure:
            return HTMLResponse(
                f"<h1>Invalid request</h1><p>{html.escape(failure.description)}", 400
            )
        state = form.get("state", "")
        if form.get("decision") != "allow":
            query = urlencode({"error": "access_denied", "state": state})
        else:
            code = bank.authorize(
                form["client_id"],
                form["redirect_uri"],
                form.get("scope", ""),
                form.get("code_challenge", ""),
                form.get("access_type") == "offline",
            )
            query = urlencode({"code": code, "state": state})
        return RedirectResponse(f"{form['redirect_uri']}?{query}", 302)

    async def token(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            return JSONResponse(bank.token(form), headers={"Cache-Control": "no-store"})
        except OAuthFailure as failure:
            return _oauth_error(failure)

    async def revoke(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            bank._authenticate_client(form.get("client_id"), form.get("client_secret"))
        except OAuthFailure as failure:
            return _oauth_error(failure)
        bank.revoke(form.get("token", ""))
        return Response(status_code=200)

    def api(handler):
        async def endpoint(request: Request) -> Response:
            try:
                access = bank.api_request(
                    request.method,
                    request.url.path,
                    dict(request.query_params),
                    request.headers.get("WEB-API-key"),
                    request.headers.get("Authorization"),
                )
                return await handler(request, access)
            except ApiFailure as failure:
                return _api_error(failure)

        return endpoint

    async def accounts(request: Request, _access) -> Response:
        params = request.query_params
        size = _int_param(params, "size", 10)
        page = _int_param(params, "page", 0)
        if not 1 <= size <= MAX_ACCOUNT_PAGE:
            raise ApiFailure(400, "PARAMETER_INVALID", "size")
        items, meta = _page(bank.customer.accounts, size, page)
        return JSONResponse({**meta, "accounts": [_account_json(bank, a) for a in items]})

    async def balance(request: Request, _access) -> Response:
        account = bank.account_by_id(request.path_params["id"])
        moment = bank.now().isoformat()
        balances = [
            {
                "type": {"codeOrProprietary": {"code": code}},
                "amount": {"value": _number(abs(value)), "currency": account.currency},
                "creditDebitIndicator": "CRDT" if value >= 0 else "DBIT",
                "date": {"dateTime": moment},
            }
            for code, value in (
                ("CLBD", bank.balance(account)),
                ("CLAV", bank.balance(account, available=True)),
            )
        ]
        return JSONResponse({"balances": balances})

    async def transactions(request: Request, access) -> Response:
        account = bank.account_by_id(request.path_params["id"])
        params = request.query_params
        today = bank.today()
        size = _int_param(params, "size", 10)
        page = _int_param(params, "page", 0)
        if not 1 <= size <= MAX_TRANSACTION_PAGE:
            raise ApiFailure(400, "PARAMETER_INVALID", "size")
        if size * (page + 1) > MAX_TRANSACTIONS:
            raise ApiFailure(400, "MAX_TRANSACTIONS_EXCEEDED", "page")
        until = _date_param(params, "toDate", today) or today
        since = _date_param(params, "fromDate", today) or (until - timedelta(days=30))
        oldest = bank.history_start(access)
        if oldest is not None and since < oldest:
            since = oldest  # without strong authentication: the last 90 days only
        entries = [
            e for e in bank.visible_entries(account) if since <= bank.effective_date(e) <= until
        ]
        descending = (params.get("order") or "desc").lower() != "asc"
        if (params.get("sort") or "bookingdate").lower() == "amount":
            entries.sort(key=lambda e: (e.amount, e.sequence), reverse=descending)
        else:
            entries.sort(key=lambda e: (bank.effective_date(e), e.sequence), reverse=descending)
        items, meta = _page(entries, size, page)
        return JSONResponse({**meta, "transactions": [_transaction_json(bank, e) for e in items]})

    async def statements(request: Request, _access) -> Response:
        account = bank.account_by_id(request.path_params["id"])
        listed = [
            {
                "accountStatementId": f"{account.number}-{month}",
                "year": int(month[:4]),
                "month": int(month[5:]),
                "sequenceNumber": number,
                "period": "MONTH",
                "formats": [{"format": "xml", "availability": "IMMEDIATE"}],
            }
            for number, month in enumerate(statement_months(bank, account), start=1)
        ]
        size = _int_param(request.query_params, "size", 10)
        page = _int_param(request.query_params, "page", 0)
        items, meta = _page(listed, max(1, min(size, 100)), page)
        return JSONResponse({**meta, "accountStatements": items})

    async def download(request: Request, _access) -> Response:
        account = bank.account_by_id(request.path_params["id"])
        if request.query_params.get("format") != "xml":
            raise ApiFailure(400, "PARAMETER_INVALID", "format")
        statement_id = request.path_params["statement"]
        month = statement_id.removeprefix(f"{account.number}-")
        if month not in statement_months(bank, account):
            raise ApiFailure(404, "ID_NOT_FOUND", "accountStatementId")
        return Response(camt053_statement(bank, account, month), media_type="application/xml")

    async def index(_request: Request) -> Response:
        return JSONResponse(
            {
                "bank": "Česká spořitelna (fake)",
                "api": API,
                "authorize": "/oauth/auth",
                "token": "/oauth/token",
            }
        )

    routes = [
        Route("/", index),
        Route("/oauth/auth", authorize_page, methods=["GET"]),
        Route("/oauth/auth", authorize_decision, methods=["POST"]),
        Route("/oauth/token", token, methods=["POST"]),
        Route("/oauth/revoke", revoke, methods=["POST"]),
        Route(f"{API}/my/accounts", api(accounts)),
        Route(f"{API}/my/accounts/{{id}}/balance", api(balance)),
        Route(f"{API}/my/accounts/{{id}}/transactions", api(transactions)),
        Route(f"{API}/my/accounts/{{id}}/statements", api(statements)),
        Route(f"{API}/my/accounts/{{id}}/statements/{{statement}}/download", api(download)),
    ]
    app = Starlette(routes=routes)
    app.state.bank = bank
    return app
