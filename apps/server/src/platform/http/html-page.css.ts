/**
 * The one style sheet of the server-rendered pages, inlined in each (≈ 1 KB compressed, so no
 * render-blocking request). Colours and shapes follow the web app (antd's theme, global.css):
 * brand blue #1668e3, page #f5f7fa, white panels with #f0f0f0 borders, salaries #cf1322.
 */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
[hidden]{display:none!important}
body{margin:0;background:#f5f7fa;color:rgba(0,0,0,.88);font-size:14px;line-height:1.5715;
font-family:-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif}
a{color:#1668e3;text-decoration:none}
a:hover{text-decoration:underline}
a:focus-visible,button:focus-visible,summary:focus-visible,input:focus-visible,select:focus-visible{outline:2px solid #1668e3;outline-offset:1px}
h1{font-size:20px;font-weight:600;line-height:1.35;margin:0 0 12px}
h2{font-size:16px;font-weight:600;margin:0}
.hh-header{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;min-height:56px;padding:8px 12px;background:#fff;border-bottom:1px solid #f0f0f0}
.hh-brand{flex:1;font-weight:600;font-size:17px;color:#1668e3;white-space:nowrap}
.hh-nav{display:flex;gap:4px;order:3;width:100%}
.hh-nav a{padding:4px 8px;border-radius:6px;color:rgba(0,0,0,.88)}
.hh-nav a[aria-current=page]{color:#1668e3;background:#e6f4ff}
.hh-account{display:flex;align-items:center;gap:8px}
.hh-main{width:100%;max-width:1100px;margin:0 auto;padding:16px 12px 32px}
.hh-narrow{max-width:760px;margin:0 auto}
.hh-footer{text-align:center;color:rgba(0,0,0,.62);font-size:12px;padding:24px 12px}
.hh-button{display:inline-block;padding:4px 15px;border:1px solid #d9d9d9;border-radius:6px;background:#fff;color:rgba(0,0,0,.88);font:inherit;line-height:1.5715;cursor:pointer;white-space:nowrap}
.hh-button:hover{color:#1668e3;border-color:#1668e3;text-decoration:none}
.hh-primary,.hh-primary:hover{background:#1668e3;border-color:#1668e3;color:#fff}
.hh-small{padding:0 7px;font-size:13px}
.hh-button[aria-disabled=true]{color:rgba(0,0,0,.45);background:#f5f5f5;cursor:not-allowed}
.hh-row{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:8px}
.hh-input{flex:1;min-width:0;padding:4px 11px;font:inherit;line-height:1.5715;color:rgba(0,0,0,.88);background:#fff;border:1px solid #d9d9d9;border-radius:6px}
.hh-input::placeholder{color:rgba(0,0,0,.56)}
.hh-filters{margin-bottom:8px;background:#fff;border:1px solid #f0f0f0;border-radius:8px}
.hh-filters>summary{padding:6px 12px;cursor:pointer}
.hh-fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;padding:0 12px 12px}
.hh-fields label{display:flex;flex-direction:column;gap:4px}
.hh-fields select,.hh-fields input{width:100%;padding:4px 8px;font:inherit;color:rgba(0,0,0,.88);background:#fff;border:1px solid #d9d9d9;border-radius:6px}
.hh-link-card{display:block;margin-bottom:8px;padding:12px;background:#fff;border:1px solid #f0f0f0;border-radius:8px;color:rgba(0,0,0,.88)}
.hh-list{list-style:none;margin:0;padding:0}
.hh-link-card:hover{text-decoration:none;box-shadow:0 3px 6px rgba(0,0,0,.12)}
.hh-card-title{display:flex;justify-content:space-between;gap:8px}
.hh-card-title strong{font-size:16px;font-weight:600;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.hh-salary{color:#cf1322;white-space:nowrap}
.hh-muted{color:rgba(0,0,0,.65)}
.hh-tags{display:flex;flex-wrap:wrap;gap:4px;margin-top:4px}
.hh-tag{display:inline-block;padding:0 7px;font-size:12px;line-height:20px;white-space:nowrap;background:#fafafa;border:1px solid #d9d9d9;border-radius:4px}
.hh-tag-green{color:#fff;background:#237804;border-color:#237804}
.hh-pager{display:flex;gap:8px;align-items:center;justify-content:center;margin-top:12px}
.hh-empty{padding:32px 12px;text-align:center;color:rgba(0,0,0,.62);background:#fff;border:1px solid #f0f0f0;border-radius:8px}
.hh-panel{background:#fff;border:1px solid #f0f0f0;border-radius:8px;margin-bottom:12px}
.hh-panel-head{display:flex;align-items:center;gap:8px;min-height:38px;padding:0 12px;border-bottom:1px solid #f0f0f0}
.hh-panel-body{padding:12px}
.hh-facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:4px 24px;margin:0 0 8px}
.hh-facts>div{display:flex;gap:4px}
.hh-facts dt{color:rgba(0,0,0,.62);white-space:nowrap}
.hh-facts dt::after{content:'：'}
.hh-facts dd{margin:0}
.hh-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px}
.hh-grid .hh-panel{margin:0}
.hh-job{display:flex;justify-content:space-between;gap:8px;padding:4px 0}
.hh-intro{overflow-wrap:anywhere}
.hh-intro img{max-width:100%;height:auto}
.hh-qr svg{display:block;width:160px;height:160px;margin-top:8px}
.hh-banners{display:flex;gap:8px;overflow-x:auto;scroll-snap-type:x mandatory;margin-bottom:12px}
.hh-banner{position:relative;flex:0 0 100%;height:120px;scroll-snap-align:start;border-radius:8px;overflow:hidden;background:#1677ff;color:#fff;font-size:18px}
.hh-banner img{position:absolute;inset:0;width:100%;height:100%;object-fit:cover}
.hh-banner span{position:absolute;left:12px;bottom:12px;text-shadow:0 1px 2px rgba(0,0,0,.6)}
.hh-result{padding:48px 12px;text-align:center;background:#fff;border:1px solid #f0f0f0;border-radius:8px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
@media (min-width:576px){.hh-header{padding:8px 24px}.hh-brand{flex:none}.hh-nav{order:0;width:auto;flex:1}.hh-main{padding:32px 24px}}
`
  .replace(/\n/g, '')
  .trim();
