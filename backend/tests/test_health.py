from pathlib import Path

from cashbook.app import create_app
from cashbook.kit import alembic
from tests.conftest import make_settings


async def test_alive_and_ready(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ok"}


async def _ready(settings) -> tuple[int, dict]:
    import httpx

    app = create_app(settings)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t"
        ) as http:
            response = await http.get("/readyz")
            return response.status_code, response.json()
    finally:
        await app.state.engine.dispose()


async def test_not_ready_before_migrations(tmp_path: Path):
    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path / 'blank.sqlite'}", tmp_path)
    assert await _ready(settings) == (503, {"detail": "MIGRATIONS_PENDING"})


async def test_not_ready_without_a_database(tmp_path: Path):
    settings = make_settings("mysql+aiomysql://nobody:x@127.0.0.1:1/none", tmp_path)
    assert await _ready(settings) == (503, {"detail": "DATABASE_UNREACHABLE"})


async def test_ready_when_a_newer_release_already_migrated(app, client):
    # During a rolling upgrade the migration job runs first; old pods must stay in service.
    from sqlalchemy import text

    async with app.state.engine.begin() as connection:
        await connection.execute(text("UPDATE alembic_version SET version_num = 'future9999'"))
    try:
        assert (await client.get("/readyz")).status_code == 200
    finally:
        async with app.state.engine.begin() as connection:
            [head] = alembic.script_heads()
            await connection.execute(
                text("UPDATE alembic_version SET version_num = :v"), {"v": head}
            )
