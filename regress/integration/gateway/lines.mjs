// A child process's stderr as whole lines: the gateway logs one JSON object a
// line, and a chunk from the pipe may end mid-line (or hold several).
export function eachLine(stream, onLine) {
  let buffered = '';
  stream.on('data', (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      onLine(line);
    }
  });
}
