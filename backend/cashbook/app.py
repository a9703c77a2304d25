"""The FastAPI application factory."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from cashbook.accounts.endpoints import router as accounts_router
from cashbook.admin.endpoints import person_router as admin_person_router
from cashbook.admin.endpoints import router as admin_router
from cashbook.admin.impersonation import ImpersonationAuditMiddleware
from cashbook.alerts.endpoints import router as notifications_router
from cashbook.auth.endpoints import router as auth_router
from cashbook.auth.providers import endpoints as oidc
from cashbook.auth.providers.registry import ProviderRegistry
from cashbook.banking.endpoints import router as bank_router
from cashbook.banking.fake_bank.mount import mount_fake_bank
from cashbook.budgets.endpoints import router as budgets_router
from cashbook.categories.endpoints import router as categories_router
from cashbook.config import Settings, get_settings
from cashbook.cron.endpoints import router as cron_router
from cashbook.exports.endpoints import router as exports_router
from cashbook.goals.endpoints import router as goals_router
from cashbook.health.endpoints import router as health_router
from cashbook.imports.endpoints import origins_router
from cashbook.imports.endpoints import router as imports_router
from cashbook.kit.api_docs import install_api_docs
from cashbook.kit.db import create_engine
from cashbook.kit.errors import install_error_handlers
from cashbook.kit.logging import configure_logging
from cashbook.kit.metrics import InstrumentatorMiddleware
from cashbook.kit.middleware import (
    BodySizeLimitMiddleware,
    RequestContextMiddleware,
    StrictTransportSecurityMiddleware,
)
from cashbook.kit.openapi import install_openapi
from cashbook.kit.sentry import init_sentry
from cashbook.kit.webapp import install_web_app
from cashbook.live.endpoints import router as live_router
from cashbook.live.hub import LiveHub
from cashbook.observability.endpoints import router as observability_router
from cashbook.rates.endpoints import router as rates_router
from cashbook.reports.endpoints import router as reports_router
from cashbook.rules.endpoints import router as rules_router
from cashbook.tags.endpoints import router as tags_router
from cashbook.transactions.endpoints import batches_router as transaction_batches_router
from cashbook.transactions.endpoints import router as transactions_router
from cashbook.transfers.endpoints import router as transfers_router
from cashbook.two_factor.endpoints import router as two_factor_router
from cashbook.users.endpoints import router as users_router
from cashbook.worker.publishing import job_sessionmaker


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)
    init_sentry(settings, "api")
    engine = create_engine(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await app.state.live.close()
        await engine.dispose()

    app = FastAPI(
        title="Cashbook",
        summary="Self-hosted personal finance tracker",
        version="0.1.0",
        lifespan=lifespan,
        # Swagger UI only when asked for, and then without a CDN (kit/api_docs.py).
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine
    # Sessions publish the jobs enqueued in them after they commit (cashbook.worker.jobs).
    app.state.sessionmaker = job_sessionmaker(engine, settings)
    app.state.live = LiveHub(app.state.sessionmaker, settings.live_poll_seconds)
    # OpenID providers: built from settings only; discovery happens on first use.
    app.state.oidc_providers = ProviderRegistry(settings)

    install_error_handlers(app)
    install_openapi(app)
    if settings.browser_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.browser_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type", "X-CSRF-Token", "X-Request-ID"],
        )
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        # A statement file may be larger than any other request (plus the multipart framing).
        overrides={"/imports": settings.import_max_bytes + 65_536},
    )
    app.add_middleware(ImpersonationAuditMiddleware)
    app.add_middleware(InstrumentatorMiddleware)
    app.add_middleware(RequestContextMiddleware)
    if settings.public_url.startswith("https://"):
        app.add_middleware(StrictTransportSecurityMiddleware)

    app.include_router(health_router)
    app.include_router(auth_router)
    app.include_router(oidc.router)
    app.include_router(oidc.identities_router)
    app.include_router(users_router)
    app.include_router(two_factor_router)
    app.include_router(admin_router)
    app.include_router(admin_person_router)
    app.include_router(exports_router)
    app.include_router(observability_router)
    app.include_router(rates_router)
    app.include_router(cron_router)
    for ledger_router in (
        accounts_router,
        categories_router,
        tags_router,
        transactions_router,
        transaction_batches_router,
        reports_router,
        transfers_router,
        rules_router,
    ):
        app.include_router(ledger_router)
    app.include_router(budgets_router)
    app.include_router(notifications_router)
    app.include_router(goals_router)
    app.include_router(live_router)
    for banking_router in (bank_router, imports_router, origins_router):
        app.include_router(banking_router)
    mount_fake_bank(app, settings)
    if settings.api_docs:
        install_api_docs(app)

    install_web_app(app, settings.web_dist_dir)

    return app
