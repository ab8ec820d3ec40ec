// What other modules and the app may use of search (re-exported by the directory's index.ts).
export {
  refreshSearchIndex,
  searchServices,
  DEFAULT_SEARCH_PER_PAGE,
  MAX_SEARCH_PER_PAGE,
  SEARCH_TEXT_LIMIT,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchWarning,
} from './index.js';
export { registerSearchRoutes } from './routes.js';
