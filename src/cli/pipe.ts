/**
 * `gongyi … | head` closes our stdout early; the next write then fails with EPIPE, which Node
 * raises as an uncaught error. A closed reader is not our failure: stop writing and let the command
 * finish normally (the database is still closed cleanly and the exit code is kept).
 */
export function tolerateClosedStdout(stream: NodeJS.WriteStream = process.stdout): void {
	stream.on('error', (e: NodeJS.ErrnoException) => {
		if (e.code !== 'EPIPE') throw e;
		stream.write = (() => true) as typeof stream.write;
	});
}
