import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // A single-page app: the server serves index.html for every non-API path.
    adapter: adapter({ fallback: 'index.html', pages: 'build', assets: 'build' }),
  },
};

export default config;
