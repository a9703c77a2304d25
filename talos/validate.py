#!/usr/bin/env python3
"""Validate Talos machine-config patches against the pinned Talos JSON schema.

A patch is a partial machine config, possibly several YAML documents: the legacy
`v1alpha1` document (`machine:`/`cluster:`) and kind-based documents such as
`RegistryMirrorConfig`. Each document is checked against the schema definition of its
own kind (the schema's root is a `oneOf` over all kinds, whose errors would only say
"matches none"). The `v1alpha1` definition has no required fields, so a partial document
is judged by what it contains, and every object that lists its `properties` is closed
(`additionalProperties: false`): a misspelt key is an error, not a silent no-op.

Usage: validate.py [--schema FILE] [PATCH ...]   (default: patches/*.yaml next to this file)
Needs PyYAML and jsonschema (scripts/tools/talos.sh installs both into .tools/venv).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_SCHEMA = HERE / "schema" / "config.schema.v1.13.json"
LEGACY_DEFINITION = "v1alpha1.Config"


def close_objects(schema: object) -> int:
    """Set additionalProperties: false on every object schema that lists properties.

    Objects that already say what extra keys may hold (additionalProperties or
    patternProperties) are left alone. Returns how many objects were changed.
    """
    changed = 0
    if isinstance(schema, dict):
        if (
            "properties" in schema
            and "additionalProperties" not in schema
            and "patternProperties" not in schema
        ):
            schema["additionalProperties"] = False
            changed += 1
        for value in schema.values():
            changed += close_objects(value)
    elif isinstance(schema, list):
        for value in schema:
            changed += close_objects(value)
    return changed


def load_schema(path: Path) -> dict:
    schema = json.loads(path.read_text())
    schema = copy.deepcopy(schema)
    close_objects(schema)
    return schema


def definition_for(document: dict, definitions: dict) -> str:
    """The name of the schema definition that describes this document."""
    kind = document.get("kind")
    if kind is None:
        return LEGACY_DEFINITION
    for name, definition in definitions.items():
        properties = definition.get("properties", {})
        if kind in properties.get("kind", {}).get("enum", []) and document.get(
            "apiVersion"
        ) in properties.get("apiVersion", {}).get("enum", []):
            return name
    raise LookupError(
        f"unknown document kind {kind!r} with apiVersion {document.get('apiVersion')!r}"
    )


def document_errors(document: object, schema: dict) -> Iterator[str]:
    if not isinstance(document, dict):
        yield f"a document must be a mapping, not {type(document).__name__}"
        return
    definitions = schema["$defs"]
    try:
        name = definition_for(document, definitions)
    except LookupError as error:
        yield str(error)
        return
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"#/$defs/{name}", "$defs": definitions}
    )
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(document)"
        yield f"{name} at {where}: {error.message}"


def file_errors(path: Path, schema: dict) -> tuple[int, list[str]]:
    """(number of documents, error messages) for one patch file."""
    try:
        documents = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    except yaml.YAMLError as error:
        return 0, [f"{path}: not valid YAML: {error}"]
    if not documents:
        return 0, [f"{path}: no YAML document"]
    errors = [
        f"{path}: document {index + 1}: {message}"
        for index, document in enumerate(documents)
        for message in document_errors(document, schema)
    ]
    return len(documents), errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA)
    parser.add_argument("patches", nargs="*", type=Path)
    args = parser.parse_args(argv)
    patches = args.patches or sorted((HERE / "patches").glob("*.yaml"))
    schema = load_schema(args.schema)

    total, errors = 0, []
    for path in patches:
        count, messages = file_errors(path, schema)
        total += count
        errors.extend(messages)
    for message in errors:
        print(message, file=sys.stderr)
    if errors:
        print(f"FAILED: {len(errors)} error(s) in {len(patches)} file(s)", file=sys.stderr)
        return 1
    print(f"ok: {total} document(s) in {len(patches)} file(s) match {args.schema.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
