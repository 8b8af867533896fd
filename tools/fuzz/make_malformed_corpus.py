#!/usr/bin/env python3
"""Writes ocpp/tests/corpus/malformed_frames.jsonl: malformed OCPP-J 1.6 frames with the answer each must get.

Every line is a JSON object:
  "frame"      the text frame as a charger sends it, or
  "frame_hex"  its bytes in hex when they are not valid UTF-8;
  "expect"     "drop" (nothing is sent back) or the code of the CALLERROR that must answer it;
  "id"         the unique id that CALLERROR must carry, when one is expected;
  "why"        what was broken.

The expected outcomes come from the rules, not from what the code does:
  - OCPP-J 1.6 section 4: a frame that is not JSON, or whose unique id cannot be read, cannot be answered and
    is dropped. A CALLRESULT or CALLERROR is never answered, however broken. A CALL (or a frame of an unknown
    message type) whose unique id can be read but whose structure is wrong gets FormationViolation. An action
    that OCPP 1.6 does not define gets NotImplemented; one that only the central system sends gets
    NotSupported.
  - The payload is checked against the official JSON schema of the action's request. Each violated keyword
    maps to one CALLERROR code: `required` OccurenceConstraintViolation, `type` TypeConstraintViolation,
    `additionalProperties` FormationViolation (the payload does not conform to the PDU), and `maxLength`,
    `enum`, `format` and integer ranges PropertyConstraintViolation (a value that is syntactically right but
    not allowed). Every mutation below breaks exactly one rule of a valid frame, so the code is unambiguous.
  - Integers are 32-bit as in OCPP, except meterStart and meterStop, which ParkGrid reads as 64-bit (lifetime
    registers of DC chargers exceed 2^31 Wh). Dates are RFC 3339 section 5.6 date-times.
  - Assumes an accepted charger (before acceptance ParkGrid answers SecurityError first).

Input: the official OCPP 1.6 schemas shipped in the npm package ocpp-rpc (`npm ci --prefix tests/e2e`).
Deterministic, no network. Usage: tools/fuzz/make_malformed_corpus.py [SCHEMA_FILE] [OUTPUT_FILE]
"""

import copy
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "tests/e2e/node_modules/ocpp-rpc/lib/schemas/ocpp1_6.json"
OUTPUT_FILE = ROOT / "ocpp/tests/corpus/malformed_frames.jsonl"

CHARGE_POINT_ACTIONS = [
    "Authorize", "BootNotification", "DataTransfer", "DiagnosticsStatusNotification",
    "FirmwareStatusNotification", "Heartbeat", "LogStatusNotification", "MeterValues",
    "SecurityEventNotification", "SignCertificate", "SignedFirmwareStatusNotification", "StartTransaction",
    "StatusNotification", "StopTransaction",
]
CENTRAL_SYSTEM_ACTIONS = [
    "CancelReservation", "CertificateSigned", "ChangeAvailability", "ChangeConfiguration", "ClearCache",
    "ClearChargingProfile", "DeleteCertificate", "ExtendedTriggerMessage", "GetCompositeSchedule",
    "GetConfiguration", "GetDiagnostics", "GetInstalledCertificateIds", "GetLocalListVersion", "GetLog",
    "InstallCertificate", "RemoteStartTransaction", "RemoteStopTransaction", "ReserveNow", "Reset",
    "SendLocalList", "SetChargingProfile", "SignedUpdateFirmware", "TriggerMessage", "UnlockConnector",
    "UpdateFirmware",
]
INT64_FIELDS = {"meterStart", "meterStop"}

FORMATION = "FormationViolation"
TYPE = "TypeConstraintViolation"
PROPERTY = "PropertyConstraintViolation"
OCCURENCE = "OccurenceConstraintViolation"

VALID_DATE = "2026-11-25T08:00:00Z"
BAD_DATES = [
    "", "yesterday", "1764057600", "2026-11-25", "08:00:00Z", "2026-11-25T08:00:00",
    "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-02-30T08:00:00Z", "2026-11-25T24:00:00Z",
    "2026-11-25T08:60:00Z", "2026-11-25T08:00:61Z", "2026-11-25T08:00:00+25:00", "2026-11-25T08:00:00+0800",
    "26-11-25T08:00:00Z", "2026/11/25T08:00:00Z", "2026-11-25T08:00:00.Z", " 2026-11-25T08:00:00Z",
    "2026-11-25T08:00:00Z ", "2026-11-25T08:00Z", "2026-11-25X08:00:00Z",
]


def dumps(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Corpus:
    def __init__(self):
        self.lines = []
        self.seen = set()
        self.counter = 0

    def next_id(self):
        self.counter += 1
        return f"m{self.counter:05d}"

    def add(self, frame, expect, why, unique_id=None):
        key = frame if isinstance(frame, str) else frame.hex()
        if key in self.seen:
            return
        self.seen.add(key)
        line = {"frame": frame} if isinstance(frame, str) else {"frame_hex": frame.hex()}
        line["expect"] = expect
        if expect != "drop":
            assert unique_id is not None, why
            line["id"] = unique_id
        line["why"] = why
        self.lines.append(line)

    def call(self, action, payload, expect, why):
        unique_id = self.next_id()
        self.add(dumps([2, unique_id, action, payload]), expect, why, unique_id)


def resolve(schema, root):
    while "$ref" in schema:
        schema = root["definitions"][schema["$ref"].split("/")[-1]]
    return schema


def example(schema, root):
    """A valid value with every optional property present, so that every field can be mutated."""
    schema = resolve(schema, root)
    kind = schema.get("type")
    if kind == "object":
        return {name: example(sub, root) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [example(schema["items"], root)]
    if kind == "string":
        if "enum" in schema:
            return schema["enum"][0]
        if schema.get("format") == "date-time":
            return VALID_DATE
        return "X" * min(schema.get("maxLength", 8), 8)
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    raise ValueError(f"no example for {schema}")


def fields(schema, root, path=()):
    """(path, schema, required) of every property, through nested objects and the first array element."""
    schema = resolve(schema, root)
    if schema.get("type") == "object":
        required = set(schema.get("required", []))
        for name, sub in schema.get("properties", {}).items():
            sub = resolve(sub, root)
            yield path + (name,), sub, name in required
            yield from fields(sub, root, path + (name,))
    elif schema.get("type") == "array":
        yield from fields(schema["items"], root, path + (0,))


def with_value(payload, path, value):
    out = copy.deepcopy(payload)
    target = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return out


def without(payload, path):
    out = copy.deepcopy(payload)
    target = out
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return out


def name_of(path):
    return ".".join(str(step) for step in path)


def wrong_types(kind):
    values = {
        "string": [1, 0, -7, 1.5, True, False, None, [], ["x"], {}, {"x": "y"}],
        "integer": ["1", "", "one", 1.5, -0.5, 1e-3, True, None, [], [1], {}, {"v": 1}],
        "number": ["1.5", True, None, [], {}],
        "boolean": ["true", 1, 0, None, [], {}],
        "object": ["x", 1, 1.5, True, None, [], [{}]],
        "array": ["x", 1, True, None, {}, {"0": {}}],
    }
    return values[kind]


def payload_mutations(corpus, action, schema, root):
    base = example(schema, root)
    for extra in ["unknownField", "ChargePointVendor", "", "vendorid", "\u5145\u7535"]:
        if extra not in base:
            corpus.call(action, {**base, extra: "x"}, FORMATION, f"unknown property '{extra}'")
    corpus.call(action, {**base, "extension": {"nested": [[[{"deep": None}]]]}}, FORMATION,
                "unknown property with nested garbage")
    for payload in [[], [base], "payload", 42, 1.5, True, None]:
        corpus.call(action, payload, TYPE, f"payload is {type(payload).__name__}, not an object")
    required = set(resolve(schema, root).get("required", []))
    if required:
        corpus.call(action, {}, OCCURENCE, "empty payload, required properties missing")

    for path, sub, is_required in fields(schema, root):
        name = name_of(path)
        kind = sub.get("type")
        if is_required:
            corpus.call(action, without(base, path), OCCURENCE, f"required '{name}' missing")
        for value in wrong_types(kind):
            corpus.call(action, with_value(base, path, value), TYPE, f"'{name}' is {dumps(value)}, not {kind}")
        if kind == "string" and "maxLength" in sub and "enum" not in sub:
            limit = sub["maxLength"]
            for length in sorted({limit + 1, limit + 2, 2 * limit + 1, max(1024, limit + 100)}):
                corpus.call(action, with_value(base, path, "A" * length), PROPERTY,
                            f"'{name}' of {length} characters exceeds maxLength {limit}")
        if "enum" in sub:
            first = sub["enum"][0]
            for value in ["", "Bogus", first.lower(), first.upper(), first + " ", " " + first, first + "\u0000"]:
                if value not in sub["enum"]:
                    corpus.call(action, with_value(base, path, value), PROPERTY,
                                f"'{name}' {dumps(value)} is not in its enumeration")
        if sub.get("format") == "date-time":
            for value in BAD_DATES:
                corpus.call(action, with_value(base, path, value), PROPERTY,
                            f"'{name}' {dumps(value)} is not an RFC 3339 date-time")
        if kind == "integer":
            huge = ["18446744073709551616", "9223372036854775808", "1e30", "9.223372036854775808e18", "-1e19"]
            if path[-1] not in INT64_FIELDS:
                huge += ["2147483648", "-2147483649", "2147483648.0", "4294967297"]
            for text in huge:
                unique_id = corpus.next_id()
                frame = dumps([2, unique_id, action, with_value(base, path, "@@")]).replace('"@@"', text)
                corpus.add(frame, PROPERTY, f"'{name}' {text} is out of the integer range", unique_id)
        if kind == "object":
            corpus.call(action, with_value(base, path, {**example(sub, root), "bogus": 1}), FORMATION,
                        f"unknown property inside '{name}'")
            if sub.get("required"):
                corpus.call(action, with_value(base, path, {}), OCCURENCE, f"'{name}' is an empty object")
        if kind == "array":
            for element in ["x", 1, None, [], True]:
                corpus.call(action, with_value(base, path, [element]), TYPE,
                            f"element of '{name}' is {dumps(element)}")
            if sub.get("minItems"):
                corpus.call(action, with_value(base, path, []), OCCURENCE, f"'{name}' is empty")


def frame_mutations(corpus, action, payload):
    """Breaks the OCPP-J envelope of a valid CALL."""
    valid = lambda unique_id: dumps([2, unique_id, action, payload])  # noqa: E731

    # Broken JSON: answered when the CALL's unique id is complete, dropped before that.
    unique_id = corpus.next_id()
    frame = valid(unique_id)
    id_end = frame.index(f'"{unique_id}"') + len(unique_id) + 2
    for cut in sorted({1, 2, 3, 4, 5, 6, id_end - 1, id_end, id_end + 1, id_end + 5, len(frame) // 2,
                       len(frame) - 2, len(frame) - 1}):
        readable = cut >= id_end
        corpus.add(frame[:cut], FORMATION if readable else "drop", f"{action} CALL truncated to {cut} bytes",
                   unique_id if readable else None)
    for suffix in ["x", ",", "]", "[]", "{}", " 1", "\u0000", "//"]:
        unique_id = corpus.next_id()
        corpus.add(valid(unique_id) + suffix, FORMATION, f"{action} CALL followed by {dumps(suffix)}", unique_id)
    unique_id = corpus.next_id()
    frame = valid(unique_id)
    corpus.add(frame.replace(":", "=", 1) if ":" in frame else frame[:-1] + ")", FORMATION,
               f"{action} CALL with a broken payload", unique_id)
    unique_id = corpus.next_id()
    corpus.add(valid(unique_id)[:-1] + ",]", FORMATION, f"{action} CALL with a trailing comma", unique_id)
    unique_id = corpus.next_id()
    corpus.add(f"[2,'{unique_id}','{action}',{{}}]", "drop", f"{action} CALL with single quotes")
    unique_id = corpus.next_id()
    corpus.add(f"[2,{unique_id},\"{action}\",{{}}]", "drop", f"{action} CALL with an unquoted id")

    # Invalid UTF-8: the frame is not JSON text; the id decides whether it can be answered.
    unique_id = corpus.next_id()
    corpus.add(valid(unique_id).encode()[:-2] + b',"x":"\xff\xfe"}]' if payload else
               valid(unique_id).encode()[:-1] + b'\xc3]', FORMATION, f"{action} CALL with invalid UTF-8", unique_id)
    unique_id = corpus.next_id()
    corpus.add(f'[2,"{unique_id}","{action}",{{"a":"'.encode() + b"\xed\xa0\x80" + b'"}]', FORMATION,
               f"{action} CALL with an encoded surrogate", unique_id)
    corpus.add(b'[2,"bad\xffid","' + action.encode() + b'",{}]', "drop", f"{action} CALL whose id is not UTF-8")
    corpus.add(b'[2,"\xc0\xafid","' + action.encode() + b'",{}]', "drop",
               f"{action} CALL whose id is overlong UTF-8")

    # Message type ids.
    for type_id in ["0", "1", "5", "9", "-2", "22", "2.5", '"2"', "null", "true", "[2]", "{}", "1e3"]:
        unique_id = corpus.next_id()
        corpus.add(f'[{type_id},"{unique_id}","{action}",{dumps(payload)}]', FORMATION,
                   f"{action} with message type id {type_id}", unique_id)
    for type_id in ["3", "4", "3.0", "4.0"]:
        corpus.add(f'[{type_id},"{corpus.next_id()}","{action}",{dumps(payload)}]', "drop",
                   f"{action} sent as a broken {'CALLRESULT' if type_id[0] == '3' else 'CALLERROR'}")
    for huge in ["4294967298", "18446744073709551618", "-4294967294"]:
        unique_id = corpus.next_id()
        corpus.add(f'[{huge},"{unique_id}","{action}",{dumps(payload)}]', FORMATION,
                   f"{action} with message type id {huge} (2 modulo 2^32)", unique_id)

    # Unique ids that cannot be read, or that break the 36-character limit.
    for bad_id in ["17", "-1", "1.5", "null", "true", "[]", '["a"]', "{}", '{"id":"a"}']:
        corpus.add(f'[2,{bad_id},"{action}",{dumps(payload)}]', "drop", f"{action} with unique id {bad_id}")
    for length in (37, 40, 64, 512):
        unique_id = ("L" + corpus.next_id() + "x" * length)[:length]
        corpus.add(dumps([2, unique_id, action, payload]), FORMATION,
                   f"{action} with a unique id of {length} characters", unique_id)
    corpus.add(dumps([2, "", action, payload]), FORMATION, f"{action} with an empty unique id", "")

    # Actions.
    for bad_action in ["17", "null", "[]", "{}", "true", f'["{action}"]']:
        unique_id = corpus.next_id()
        corpus.add(f'[2,"{unique_id}",{bad_action},{dumps(payload)}]', FORMATION,
                   f"action {bad_action} is not a string", unique_id)
    for unknown in [action.lower(), action.upper(), action + "Request", action + ".req", " " + action,
                    action + " ", "urn:" + action]:
        corpus.call(unknown, payload, "NotImplemented", f"'{unknown}' is not an OCPP 1.6 action")

    # Wrong number of elements.
    unique_id = corpus.next_id()
    corpus.add(f'[2,"{unique_id}"]', FORMATION, "CALL without action and payload", unique_id)
    unique_id = corpus.next_id()
    corpus.add(f'[2,"{unique_id}","{action}"]', FORMATION, f"{action} CALL without payload", unique_id)
    for extra in ["{}", "null", '"x"', "[]"]:
        unique_id = corpus.next_id()
        corpus.add(f'[2,"{unique_id}","{action}",{dumps(payload)},{extra}]', FORMATION,
                   f"{action} CALL with a fifth element {extra}", unique_id)
    unique_id = corpus.next_id()
    corpus.add(f'[2,"{unique_id}","{action}",{dumps(payload)},{{}},{{}}]', FORMATION,
               f"{action} CALL with six elements", unique_id)
    corpus.add(dumps({"messageTypeId": 2, "uniqueId": corpus.next_id(), "action": action, "payload": payload}),
               "drop", f"{action} CALL as an object")
    corpus.add(dumps([[2, corpus.next_id(), action, payload]]), "drop", f"{action} CALL wrapped in an array")
    corpus.add(dumps(dumps([2, corpus.next_id(), action, payload])), "drop", f"{action} CALL as a JSON string")


def result_and_error_mutations(corpus):
    """Broken or unexpected CALLRESULTs and CALLERRORs are never answered."""
    for frame in ['[3]', '[3,"r1"]', '[3,"r1",{},{}]', '[3,17,{}]', '[3,null,{}]', '[3,"",{}]',
                  '[3,"' + "r" * 37 + '",{}]', '[3,"r1",', '[3,"r1",{"a":', '[3,"r1",[]]', '[3,"r1","x"]',
                  '[3,"r1",null]', '[3,"r1",{"status":"Bogus"}]', '[3.0,"r1"]', '[3,"r1",{}]x',
                  '[4]', '[4,"e1"]', '[4,"e1","GenericError"]', '[4,"e1","GenericError","x"]',
                  '[4,"e1","GenericError","x",{},{}]', '[4,"e1",17,"x",{}]', '[4,"e1","GenericError",17,{}]',
                  '[4,"e1",null,null,null]', '[4,"",  "GenericError","x",{}]', '[4,"' + "e" * 37 + '","x","y",{}]',
                  '[4,"e1","Teleported","x",{}]', '[4,"e1","GenericError","x",[]]', '[4,"e1","GenericError","x",null]',
                  '[4,"e1","GenericError","x","details"]', '[4,"e1","FormatViolation","x",{}]',
                  '[4,"e1","GenericError","x",{}', '[4,"e1","GenericError","x",{}]]', '[4.0,"e1","x","y",{}]',
                  '[3,"r1",{"currentTime":"' + VALID_DATE + '"}]', '[4,"e1","NotSupported","no",{}]']:
        corpus.add(frame, "drop", "CALLRESULT/CALLERROR: never answered")
    corpus.add(b'[3,"r1",{"a":"\xff"}]', "drop", "CALLRESULT with invalid UTF-8")
    corpus.add(b'[4,"e1","GenericError","\xfe",{}]', "drop", "CALLERROR with invalid UTF-8")


def garbage(corpus):
    """Text that is not an OCPP-J frame at all and carries no readable id."""
    for frame in ["", " ", "\n", "\u0000", "null", "true", "0", "2", '"2"', "[]", "[2]", "[2,", "[2, ",
                  '[2,"', '[2,"abc', '[2,"ab\\"c', '[2,"ab\\u0041c', "{}", '{"a":1}', "[[]]", "[null,null]",
                  "[2,null]", '["abc"]', "[1,2,3,4]", "[" * 200, "]" * 10, "[" * 5000 + "]" * 5000,
                  '{"' + "a" * 2000 + '":1}', "\ufeff", "GET / HTTP/1.1", "<xml/>", "hello",
                  "[02,\"id\",\"Heartbeat\",{}", "[2,\"ab\tc\",\"Heartbeat\",{}", "[ 3 ,\"id\",\"Heartbeat\",{}"]:
        corpus.add(frame, "drop", "no readable unique id")
    corpus.add(bytes(range(256)), "drop", "every byte value")
    corpus.add(b"\xff\xfe[\x00", "drop", "binary garbage")


def central_system_actions(corpus, schemas):
    for action in CENTRAL_SYSTEM_ACTIONS:
        schema = schemas[action]
        corpus.call(action, example(schema, schema), "NotSupported", f"{action} is sent by the central system")
        corpus.call(action, {}, "NotSupported", f"{action} (empty payload) is sent by the central system")
        corpus.call(action, [], "NotSupported", f"{action} (array payload) is sent by the central system")
    for unknown in ["", "Teleport", "Reboot", "GetVariables", "TransactionEvent", "NotifyReport", "\u5145\u7535",
                    "x" * 1000]:
        corpus.call(unknown, {}, "NotImplemented", f"'{unknown[:20]}' is not an OCPP 1.6 action")


# Frames that once got the wrong answer: found while this corpus was written, or by fuzzing (tools/fuzz.sh,
# docs/fuzzing.md). Add each new finding here once it is fixed.
REGRESSIONS = [
    ('[4294967298,"f1","Heartbeat",{}]', FORMATION, "f1", "message type id read as a 32-bit int became 2"),
    ('[3,"",{}]', "drop", None, "CALLRESULT with an empty id was answered"),
    ('[2,"f2"]', FORMATION, "f2", "two-element CALL with a readable id was dropped"),
    ('[2,"f3","StopTransaction",{"transactionId":1,"timestamp":"2026-11-25T08:00:00Z","meterStop":'
     '9.223372036854775808e18}]', PROPERTY, "f3", "2^63 as a float converted to int64 (undefined)"),
    ('[2,"f4","Heartbeat",{}]\u0000garbage', FORMATION, "f4", "JSON parsing stopped at a NUL byte"),
]


def main():
    schema_file = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_FILE
    output_file = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else OUTPUT_FILE
    if not schema_file.exists():
        sys.exit(f"{schema_file} is missing: run `npm ci --prefix tests/e2e` first")
    schemas = {}
    for schema in json.loads(schema_file.read_text()):
        urn = schema["$id"]
        if urn.endswith(".req"):
            schemas[urn[len("urn:"):-len(".req")]] = schema

    corpus = Corpus()
    for action in CHARGE_POINT_ACTIONS:
        schema = schemas[action]
        payload_mutations(corpus, action, schema, schema)
        frame_mutations(corpus, action, example(schema, schema))
    central_system_actions(corpus, schemas)
    result_and_error_mutations(corpus)
    garbage(corpus)
    for frame, expect, unique_id, why in REGRESSIONS:
        corpus.add(frame, expect, "regression: " + why, unique_id)

    output_file.parent.mkdir(parents=True, exist_ok=True)
    with output_file.open("w", encoding="utf-8") as out:
        for line in corpus.lines:
            out.write(json.dumps(line, ensure_ascii=True, separators=(",", ":")) + "\n")
    print(f"{len(corpus.lines)} frames written to {output_file}")


if __name__ == "__main__":
    main()
