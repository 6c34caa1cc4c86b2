import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		csrf: { trustedOrigins: [] },
		// Content Security Policy. Scripts: only the site's own files plus the inline boot scripts
		// SvelteKit marks with a per-response nonce (or a hash on a prerendered page) — never
		// 'unsafe-inline'. Styles keep 'unsafe-inline': Svelte writes style="" attributes (progress
		// bars, the projector's sizes) and SvelteKit's body wrapper; an inline style cannot run code.
		// frame-ancestors is added per path in hooks.server.ts (the projector view may be framed by
		// the site itself); it has no effect in a <meta> policy, so it is not listed here.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				// Socket.IO (polling and WebSocket to the same host) and the verifier's fetches.
				'connect-src': ['self'],
				'media-src': ['self', 'blob:'],
				'worker-src': ['self'],
				'frame-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};
