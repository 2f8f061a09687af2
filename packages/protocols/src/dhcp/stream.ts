/**
 * Glue between the incremental parsers and chunk sources. The parsers themselves are push-based
 * (push(chunk) / end()); these helpers drive them from sync or async iterables, decoding bytes as
 * UTF-8 with a streaming TextDecoder so multi-byte characters split across chunks survive.
 */

export interface IncrementalParser<I> {
  push(chunk: string): I[];
  end(): I[];
}

/** Every item of a whole input (one string, or its chunks), for callers that do not stream. */
export function parseAll<I>(parser: IncrementalParser<I>, input: string | Iterable<string>): I[] {
  const out: I[] = [];
  const chunks = typeof input === "string" ? [input] : input;
  for (const chunk of chunks) for (const item of parser.push(chunk)) out.push(item);
  for (const item of parser.end()) out.push(item);
  return out;
}

export function* parseChunks<I>(parser: IncrementalParser<I>, chunks: Iterable<string>): Generator<I> {
  for (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}

export async function* parseChunksAsync<I>(
  parser: IncrementalParser<I>,
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<I> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    yield* parser.push(text);
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield* parser.push(tail);
  yield* parser.end();
}
