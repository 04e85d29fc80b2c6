import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Styles go to a CSS file rather than injected <style> tags, which the CSP forbids.
    css: 'external',
  },
};
