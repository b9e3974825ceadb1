// Decodes Kafka record values with Confluent's own JavaScript client
// (@confluentinc/schemaregistry, AvroDeserializer, SerdeType.VALUE) so that
// ConfluentJavaScriptClientIT can check, field by field, that a third-party consumer reads exactly
// what TypedProducer wrote.
//
//   node decode.mjs input.json
//   input.json: {"registryUrl": "http://.../apis/ccompat/v7", "topic": "t", "values": ["<base64>", ...]}
//
// Prints one JSON line per value, in input order:
//   {"schemaId": 1, "jsTypes": {"<field>": "<JS type>", ...}, "value": {...}}
// "jsTypes" names what the deserializer handed back for each top-level field, before any
// conversion below, so that the test pins the client's representation and not only the value.
//
// What AvroDeserializer 1.10.1 (avsc 5.7.x underneath, default configuration) gives back. It
// passes its config to avsc's Type.forSchema without any `logicalTypes`, so every logical type is
// decoded as its underlying Avro type:
//   string                -> JS string
//   enum                  -> JS string, the symbol's name ("BUY")
//   timestamp-millis long -> JS number of epoch milliseconds, not a Date (avsc refuses longs
//                            beyond 2^53 rather than lose precision; it never gives a BigInt)
//   ["null", T] union     -> null or the bare T value (avsc "auto" unions: not wrapped as {T: v})
//   map<string>           -> plain object
//   array<float>          -> JS array of numbers, each the float widened exactly to a double
//                            (1e-7f arrives as 1.0000000116860974e-7)
//   uuid string           -> JS string, as written
//   bytes decimal(12,6)   -> Buffer with the big-endian two's-complement unscaled value; the
//                            scale is only in the schema
//
// So that every value prints as JSON without loss, this script walks the writer schema alongside
// the decoded value:
//   decimal (bytes or fixed) -> string, the exact value with the schema's scale ("0.004250")
//   other bytes / fixed      -> base64 string
//   Date (only with logical types configured) -> number of epoch milliseconds
//   BigInt (only with a custom long type)     -> decimal string
//   float / double NaN and infinities         -> "NaN", "Infinity", "-Infinity" strings
// Everything else prints as is (so a float -0.0 prints as 0: JSON.stringify drops the sign).
import { readFileSync } from 'node:fs';
import {
  AvroDeserializer,
  SchemaId,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function jsType(value) {
  if (value === null) return 'null';
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (value instanceof Date) return 'Date';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

// Named types (record, enum, fixed) may be referred to by full name later in the schema.
function collectNames(schema, namespace, names) {
  if (Array.isArray(schema)) {
    schema.forEach((branch) => collectNames(branch, namespace, names));
    return;
  }
  if (schema === null || typeof schema !== 'object') return;
  let ns = namespace;
  if (['record', 'error', 'enum', 'fixed'].includes(schema.type)) {
    ns = namespaceOf(schema, namespace);
    names.set(schema.name.includes('.') || !ns ? schema.name : `${ns}.${schema.name}`, schema);
  }
  (schema.fields ?? []).forEach((field) => collectNames(field.type, ns, names));
  if (schema.items) collectNames(schema.items, ns, names);
  if (schema.values) collectNames(schema.values, ns, names);
}

// The namespace a named type sets for itself and the names inside it.
function namespaceOf(schema, enclosing) {
  if (schema.name.includes('.')) return schema.name.slice(0, schema.name.lastIndexOf('.'));
  return schema.namespace ?? enclosing;
}

function resolve(schema, namespace, names) {
  if (typeof schema !== 'string' || PRIMITIVES.has(schema)) return schema;
  const found = names.get(schema) ?? names.get(`${namespace}.${schema}`);
  if (!found) throw new Error(`unknown type name ${schema}`);
  return found;
}

function decimalString(buffer, scale) {
  let unscaled = buffer.length === 0 ? 0n : BigInt.asIntN(buffer.length * 8,
    BigInt(`0x${buffer.toString('hex')}`));
  const negative = unscaled < 0n;
  if (negative) unscaled = -unscaled;
  let digits = unscaled.toString().padStart(scale + 1, '0');
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${digits}` : digits;
}

function toJson(schema, value, namespace, names) {
  const type = resolve(schema, namespace, names);
  if (Array.isArray(type)) {
    if (value === null) return null;
    const others = type.filter((branch) => branch !== 'null');
    if (others.length === 1) return toJson(others[0], value, namespace, names);
    // avsc wraps unions it cannot tell apart by JS type as {"<branch name>": value}.
    const [branch] = Object.keys(value);
    const match = others.find((b) => {
      const r = resolve(b, namespace, names);
      const name = typeof r === 'string' ? r : (r.name ?? r.type);
      return name === branch || name.endsWith(`.${branch}`) || branch.endsWith(`.${name}`);
    });
    if (!match) throw new Error(`no union branch for ${JSON.stringify(Object.keys(value))}`);
    return { [branch]: toJson(match, value[branch], namespace, names) };
  }
  const t = typeof type === 'string' ? { type } : type;
  if (t.logicalType === 'decimal' && Buffer.isBuffer(value)) {
    return decimalString(value, t.scale ?? 0);
  }
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  switch (t.type) {
    case 'record':
    case 'error': {
      const ns = namespaceOf(t, namespace);
      const out = {};
      for (const field of t.fields) out[field.name] = toJson(field.type, value[field.name], ns, names);
      return out;
    }
    case 'array':
      return value.map((item) => toJson(t.items, item, namespace, names));
    case 'map':
      return Object.fromEntries(Object.entries(value)
        .map(([k, v]) => [k, toJson(t.values, v, namespace, names)]));
    default:
      // a primitive Avro type whose JS value is already JSON-printable
      if (PRIMITIVES.has(t.type) || t.type === 'enum') return value;
      // a nested named type given inline, e.g. {"type": "string", "logicalType": "uuid"}
      return toJson(t.type, value, namespace, names);
  }
}

// Named types a schema takes from its references (Confluent schema references: each a subject
// and version), and those of their references, so that toJson can resolve them by name. The
// deserializer resolves them itself; this is only for printing.
async function collectReferences(info, names, seen) {
  for (const ref of info.references ?? []) {
    const key = `${ref.subject}:${ref.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const referenced = await client.getSchemaMetadata(ref.subject, ref.version, false);
    await collectReferences(referenced, names, seen);
    collectNames(JSON.parse(referenced.schema), '', names);
  }
}

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const client = SchemaRegistryClient.newClient({ baseURLs: [input.registryUrl] });
const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
for (const base64 of input.values) {
  const payload = Buffer.from(base64, 'base64');
  const value = await deserializer.deserialize(input.topic, payload);
  // The same lookup the deserializer just made (the client caches it): the writer schema and the
  // id its frame carried, so that decimals can be printed with their scale.
  const schemaId = new SchemaId('AVRO');
  const [info] = await deserializer.getWriterSchema(input.topic, payload, schemaId);
  const writer = JSON.parse(info.schema);
  const names = new Map();
  await collectReferences(info, names, new Set());
  collectNames(writer, '', names);
  const jsTypes = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsType(v)]));
  process.stdout.write(`${JSON.stringify({
    schemaId: schemaId.id, jsTypes, value: toJson(writer, value, '', names),
  })}\n`);
}
