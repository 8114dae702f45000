// The one place the SPA learns where the API lives (scheme://host:port, no
// trailing slash). Change it when deploying; `deploy/spa_server.py --api URL`
// overrides it at serve time without editing this file.
window.DNBLOG_CONFIG = { apiOrigin: "http://127.0.0.1:8000" };
