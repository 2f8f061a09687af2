/**
 * Glue between the incremental parsers and chunk sources. The parsers themselves are push-based
 * (push(chunk) / end()); these helpers drive them from sync or async iterables, decoding bytes as
 * UTF-8 with a streaming TextDecoder so multi-byte characters split across chunks survive.
 */

export interface IncrementalParser<I> {
  push(chunk: string): I[];
  end(): I[];
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
