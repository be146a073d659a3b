/// The workbench page: plain HTML, CSS and a little hand-written JavaScript, served by the
/// binary and working offline (no external fonts, scripts or tiles). The charts are the
/// reports' SVG, sent by the server.
enum WorkbenchPage {
    static let html = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>养老规划工作台</title>
        <style>
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
               margin: 0; color: #222; background: #f5f6f8; font-size: 14px; }
        header { background: #1F4E79; color: #fff; padding: 8px 16px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
        header h1 { font-size: 18px; margin: 0 12px 0 0; }
        header select, header button { font-size: 14px; }
        main { display: grid; grid-template-columns: 380px minmax(0, 1fr); gap: 12px; padding: 12px; }
        section { background: #fff; border: 1px solid #d9d9d9; border-radius: 4px; padding: 8px 12px; }
        #levers { max-height: calc(100vh - 90px); overflow-y: auto; }
        h2 { font-size: 15px; margin: 8px 0 4px; color: #1F4E79; }
        .lever { display: grid; grid-template-columns: 1fr 140px 64px; gap: 4px; align-items: center; margin: 2px 0; }
        .lever label { font-size: 13px; }
        .lever input, .lever select { width: 100%; box-sizing: border-box; font-size: 13px; padding: 2px 4px; }
        .lever .unit { font-size: 12px; color: #666; }
        .lever.changed input, .lever.changed select { background: #fff7d6; border: 1px solid #c9a400; }
        .lever.invalid input { border: 2px solid #c0392b; }
        .lever-error { color: #c0392b; font-size: 12px; font-family: monospace; white-space: pre-wrap; margin: 0 0 4px; }
        .line { border-top: 1px solid #eee; padding-top: 4px; margin-top: 4px; }
        .line-title { font-size: 13px; font-weight: bold; }
        #banner { background: #fff7d6; border: 1px solid #e0c060; padding: 6px 10px; margin-bottom: 8px; display: none; white-space: pre-wrap; font-size: 13px; }
        #error { background: #fdecea; border: 1px solid #c0392b; padding: 6px 10px; margin-bottom: 8px; display: none; white-space: pre-wrap; font-family: monospace; font-size: 12px; }
        #status { font-size: 12px; color: #ddd; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { border-bottom: 1px solid #e5e5e5; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; position: sticky; top: 0; }
        td:nth-child(2) { min-width: 8em; }
        td.num { text-align: right; white-space: nowrap; }
        tr.selected { outline: 2px solid #1F4E79; }
        tbody tr { cursor: pointer; }
        .v-met { background: #C6E0B4; } .v-on_track { background: #DDEBF7; } .v-off_track { background: #FFE699; }
        .v-missed { background: #F4B084; } .v-met_late { background: #E2EFDA; } .v-fell_back { background: #FCE4D6; }
        .v-not_computed, .v-not_quantified, .v-not_applicable { background: #EDEDED; }
        .verdict { padding: 1px 6px; border-radius: 3px; white-space: nowrap; }
        .diff { font-weight: bold; color: #8a4b00; }
        #counts { margin: 4px 0 8px; font-size: 13px; }
        #chart svg { max-width: 100%; height: auto; }
        #tablebox { max-height: 52vh; overflow-y: auto; }
        .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
        .actions input { width: 140px; }
        #saved { font-size: 12px; color: #1F4E79; }
        </style>
        </head>
        <body>
        <header>
          <h1 data-t="title">养老规划工作台</h1>
          <label><span data-t="scenario">情景</span> <select id="scenario"></select></label>
          <button id="reset" data-t="reset">恢复情景取值</button>
          <span id="status"></span>
          <span style="flex:1"></span>
          <button id="lang">English</button>
        </header>
        <main>
          <section id="levers"><div id="leverbox"></div></section>
          <div>
            <section>
              <div class="actions">
                <button id="pin" data-t="pin">固定当前结果以对比</button>
                <button id="unpin" data-t="unpin" style="display:none">取消对比</button>
                <span data-t="variantName">变体名称</span>
                <input id="variant" value="my-plan" aria-label="variant name">
                <button id="save" data-t="save">另存为情景变体</button>
                <button id="exportHtml" data-t="exportHtml">导出年度报告（HTML）</button>
                <button id="exportXlsx" data-t="exportXlsx">导出年度报告（xlsx）</button>
                <span id="saved"></span>
              </div>
              <div id="banner"></div>
              <div id="error"></div>
              <div id="counts"></div>
              <div id="tablebox"><table id="targets"><thead></thead><tbody></tbody></table></div>
            </section>
            <section><h2 id="charttitle"></h2><div id="chart"></div></section>
          </div>
        </main>
        <script>
        "use strict";
        const T = {
          zh: { title: "养老规划工作台", scenario: "情景", reset: "恢复情景取值", pin: "固定当前结果以对比",
                unpin: "取消对比", variantName: "变体名称", save: "另存为情景变体",
                exportHtml: "导出年度报告（HTML）", exportXlsx: "导出年度报告（xlsx）",
                budget: "预算（按来源和年份）", action: "规划行动", priority: "优先顺序", occupancy: "入住率",
                take_up: "入住需求比例", draws: "不确定性抽样", drawsOn: "开启抽样，次数",
                target: "目标", indicator: "指标", value: "数值", threshold: "标准", deadline: "期限",
                verdict: "结论", first: "首次达成", gap: "差距（行动单位）", prob: "达成概率",
                pinned: "对比：固定结果", running: "计算中…", ms: "毫秒", banner: "与情景不同的取值：",
                inScenario: "情景中为", counts: "目标结论：", confirm: "变体已存在，是否覆盖？",
                savedAs: "已保存：", run: "运行：yanglao run ",
                per_year: "每年数量", beds_per_year: "每年床位", years: "年份", year: "年份",
                unit_per_year: "/年", unit_year: "年", unit_share: "比例", unit_yuan: "元", "unit_万元": "万元",
                lang: "English" },
          en: { title: "Elderly-care planning workbench", scenario: "Scenario", reset: "Reset to scenario",
                pin: "Pin current result to compare", unpin: "Stop comparing", variantName: "Variant name",
                save: "Save as variant", exportHtml: "Export annual report (HTML)",
                exportXlsx: "Export annual report (xlsx)", budget: "Budget by source and year",
                action: "Plan actions", priority: "Priority", occupancy: "Occupancy", take_up: "Take-up shares",
                draws: "Uncertainty draws", drawsOn: "Draws on, count", target: "Target", indicator: "Indicator",
                value: "Value", threshold: "Threshold", deadline: "Deadline", verdict: "Verdict",
                first: "First met", gap: "Gap (action units)", prob: "Probability", pinned: "Pinned",
                running: "running…", ms: "ms", banner: "Values that differ from the scenario:",
                inScenario: "in the scenario", counts: "Verdicts:", confirm: "The variant exists. Overwrite it?",
                savedAs: "Saved: ", run: "Run: yanglao run ",
                per_year: "per year", beds_per_year: "beds per year", years: "years", year: "year",
                unit_per_year: "/yr", unit_year: "year", unit_share: "share", unit_yuan: "yuan",
                "unit_万元": "10k yuan", lang: "中文" }
        };
        const NAMES = {
          welfare_lottery: ["福彩公益金", "Welfare lottery"], central_budget: ["中央预算内投资", "Central budget"],
          local_special_bonds: ["地方政府专项债券", "Local special bonds"], social_capital: ["社会资本", "Social capital"],
          local_budget: ["地方一般公共预算", "Local budget"],
          build_stations: ["建设站点", "Build stations"], build_centres: ["建设中心", "Build centres"],
          build_beds: ["新建床位", "Build beds"], convert_to_nursing: ["改造护理型床位", "Convert to nursing beds"],
          certify_meal_sites: ["认定助餐点", "Certify meal sites"], add_family_beds: ["家庭养老床位", "Family care beds"],
          build_planned: ["建设已规划设施", "Build planned"], upgrade_ratings: ["提升星级", "Upgrade ratings"],
          institutional: ["机构", "Institutional"], community: ["社区", "Community"],
          intact: ["能力完好", "Intact"], mild: ["轻度失能", "Mild"], moderate: ["中度失能", "Moderate"],
          severe: ["重度失能", "Severe"], complete: ["完全失能", "Complete"]
        };
        const PRIORITIES = ["most_uncovered_elderly", "lowest_beds_per_1000_elderly", "given_order", "lowest_nursing_share"];
        const params = new URLSearchParams(location.search);
        const token = params.get("token");
        let lang = params.get("lang") === "en" ? "en" : "zh";
        let initial = true, sheet = null, current = null, pinned = null, selected = null, sequence = 0, timer = null;
        const $ = (id) => document.getElementById(id);
        const t = (key) => T[lang][key] || key;
        const named = (key) => NAMES[key] ? NAMES[key][lang === "zh" ? 0 : 1] : key;
        const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
        function headers(post) {
          const h = {};
          if (token) h["X-Yanglao-Token"] = token;
          if (post) { h["Content-Type"] = "application/json"; h["X-Yanglao-Workbench"] = "1"; }
          return h;
        }
        async function getJSON(url) {
          const r = await fetch(url, { headers: headers(false) });
          const body = await r.json();
          if (!r.ok) throw new Error(body.error || r.statusText);
          return body;
        }
        function post(path, body) {
          return fetch("/api/scenarios/" + encodeURIComponent($("scenario").value) + path,
                       { method: "POST", headers: headers(true), body: JSON.stringify(body) });
        }
        function translate() {
          document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
          document.title = t("title");
          document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = t(e.dataset.t); });
          $("lang").textContent = t("lang");
        }
        function unitText(u) { return u === "" ? "" : (T[lang]["unit_" + u] || u); }
        function leverRow(l, label) {
          const id = "lever-" + l.key.replace(/[^a-zA-Z0-9]/g, "_");
          let input;
          if (l.field === "priority") {
            const options = PRIORITIES.includes(l.value) ? PRIORITIES : [l.value].concat(PRIORITIES);
            input = '<select id="' + id + '" data-key="' + esc(l.key) + '">' +
              options.map((p) => '<option' + (p === l.value ? " selected" : "") + ">" + esc(p) + "</option>").join("") + "</select>";
          } else {
            input = '<input id="' + id + '" data-key="' + esc(l.key) + '" value="' + esc(l.value) + '">';
          }
          return '<div class="lever"><label for="' + id + '">' + esc(label) + "</label>" + input +
            '<span class="unit">' + esc(unitText(l.unit)) + "</span></div>";
        }
        function renderLevers() {
          const groups = { budget: [], action: [], priority: [], occupancy: [], take_up: [] };
          sheet.levers.forEach((l) => groups[l.group].push(l));
          let html = "";
          if (groups.budget.length) {
            html += "<h2>" + t("budget") + "</h2>";
            let last = null;
            groups.budget.forEach((l) => {
              if (l.subject !== last) { html += '<div class="line-title">' + esc(named(l.subject)) + "</div>"; last = l.subject; }
              html += leverRow(l, l.field);
            });
          }
          if (groups.priority.length || groups.action.length) html += "<h2>" + t("action") + "</h2>";
          groups.priority.forEach((l) => { html += leverRow(l, t("priority")); });
          let line = null;
          groups.action.forEach((l) => {
            if (l.subject !== line) {
              const [n, kind] = l.subject.split(" ");
              html += '<div class="line"><div class="line-title">' + esc(n + ". " + named(kind)) + "</div></div>";
              line = l.subject;
            }
            html += leverRow(l, l.field === "priority" ? t("priority") : t(l.field));
          });
          if (groups.occupancy.length) html += "<h2>" + t("occupancy") + "</h2>";
          groups.occupancy.forEach((l) => { html += leverRow(l, named(l.subject)); });
          if (groups.take_up.length) html += "<h2>" + t("take_up") + "</h2>";
          groups.take_up.forEach((l) => { html += leverRow(l, named(l.subject) + " · " + named(l.field)); });
          if (sheet.drawable) {
            html += "<h2>" + t("draws") + '</h2><div class="lever"><label for="drawsOn"><input type="checkbox" id="drawsOn"> ' +
              t("drawsOn") + '</label><input id="drawCount" type="number" min="1" max="1000" value="200"><span class="unit"></span></div>';
          }
          $("leverbox").innerHTML = html;
          $("leverbox").querySelectorAll("input, select").forEach((e) => e.addEventListener(e.tagName === "SELECT" || e.type === "checkbox" ? "change" : "input", schedule));
        }
        function changes() {
          const list = [];
          document.querySelectorAll(".lever-error").forEach((e) => e.remove());
          sheet.levers.forEach((l) => {
            const e = document.querySelector('[data-key="' + CSS.escape(l.key) + '"]');
            const row = e.closest(".lever");
            const value = e.value.trim();
            row.classList.toggle("changed", value !== l.value);
            row.classList.remove("invalid");
            if (value !== l.value) list.push({ key: l.key, value: value });
          });
          return list;
        }
        function schedule() { clearTimeout(timer); timer = setTimeout(run, 120); }
        async function run() {
          const mine = ++sequence;
          const body = { changes: changes(), lang: lang };
          if ($("drawsOn") && $("drawsOn").checked) body.draws = parseInt($("drawCount").value, 10) || 0;
          $("status").textContent = t("running");
          const started = performance.now();
          const r = await post("/run", body);
          const answer = await r.json();
          if (mine !== sequence) return;
          if (!r.ok) { showError(answer.error || r.statusText, body.changes); $("status").textContent = ""; return; }
          $("error").style.display = "none";
          current = answer;
          render();
          $("status").textContent = Math.round(answer.milliseconds) + " " + t("ms") + " (" + Math.round(performance.now() - started) + ")";
        }
        function showError(message, list) {
          $("error").textContent = message;
          $("error").style.display = "block";
          list.forEach((c) => {
            if (!message.includes(c.key)) return;
            const row = document.querySelector('[data-key="' + CSS.escape(c.key) + '"]').closest(".lever");
            row.classList.add("invalid");
            const note = document.createElement("div");
            note.className = "lever-error";
            note.textContent = message;
            row.after(note);
          });
        }
        function byId(outcome) { const m = {}; (outcome ? outcome.targets : []).forEach((x) => { m[x.id] = x; }); return m; }
        function render() {
          const o = current;
          const banner = $("banner");
          if (o.changes.length) {
            banner.textContent = t("banner") + "\\n" + o.changes.map((c) => "  " + c.key + " = " + c.value + " (" + t("inScenario") + " " + (c.scenarioValue ?? "—") + ")").join("\\n");
            banner.style.display = "block";
          } else banner.style.display = "none";
          const words = {};
          o.targets.forEach((x) => { words[x.verdict] = x.verdictText; });
          const verdictCounts = (x) => Object.keys(x.counts).sort().map((k) => '<span class="verdict v-' + k + '">' + esc(words[k] || k) + " " + x.counts[k] + "</span>").join(" ");
          $("counts").innerHTML = t("counts") + " " + verdictCounts(o) + (pinned ? " &nbsp; | &nbsp; " + t("pinned") + ": " + verdictCounts(pinned) : "");
          const probs = o.targets.some((x) => x.probability !== null && x.probability !== undefined);
          let head = "<tr><th>" + t("target") + "</th><th>" + t("indicator") + "</th><th>" + t("value") + "</th><th>" +
            t("threshold") + "</th><th>" + t("deadline") + "</th><th>" + t("verdict") + "</th><th>" + t("first") + "</th><th>" + t("gap") + "</th>";
          if (probs) head += "<th>" + t("prob") + "</th>";
          if (pinned) head += "<th>" + t("pinned") + "</th>";
          $("targets").tHead.innerHTML = head + "</tr>";
          const old = byId(pinned);
          $("targets").tBodies[0].innerHTML = o.targets.map((x) => {
            const p = old[x.id];
            const differs = p && (p.verdict !== x.verdict || p.valueText !== x.valueText);
            let row = '<tr data-id="' + esc(x.id) + '"' + (x.id === selected ? ' class="selected"' : "") + "><td>" + esc(x.id) + "</td><td>" + esc(x.name) +
              '</td><td class="num' + (differs ? " diff" : "") + '">' + esc(x.valueText) + '</td><td class="num">' + esc(x.thresholdText) + "</td><td>" + esc(x.deadlineText) +
              '</td><td><span class="verdict v-' + x.verdict + '">' + esc(x.verdictText) + '</span></td><td class="num">' + (x.firstYearMet ?? "—") +
              '</td><td class="num">' + (x.actionGap ?? "—") + "</td>";
            if (probs) row += '<td class="num">' + (x.probability === null || x.probability === undefined ? "—" : Math.round(x.probability * 100) + "%") + "</td>";
            if (pinned) row += "<td>" + (p ? '<span class="verdict v-' + p.verdict + '">' + esc(p.verdictText) + "</span> " + esc(p.valueText) + " · " + (p.firstYearMet ?? "—") : "—") + "</td>";
            return row + "</tr>";
          }).join("");
          if (!selected || !o.targets.some((x) => x.id === selected)) selected = o.targets.length ? o.targets[0].id : null;
          showChart();
        }
        function showChart() {
          const x = current && current.targets.find((y) => y.id === selected);
          $("charttitle").textContent = x ? x.id + " " + x.name : "";
          $("chart").innerHTML = x ? x.chart : "";
          document.querySelectorAll("#targets tbody tr").forEach((r) => r.classList.toggle("selected", r.dataset.id === selected));
        }
        $("targets").addEventListener("click", (e) => {
          const row = e.target.closest("tr[data-id]");
          if (row) { selected = row.dataset.id; showChart(); }
        });
        async function loadScenario() {
          try {
            sheet = await getJSON("/api/scenarios/" + encodeURIComponent($("scenario").value) + "/levers?lang=" + lang);
          } catch (e) { $("error").textContent = e.message; $("error").style.display = "block"; return; }
          pinned = null; $("unpin").style.display = "none";
          renderLevers();
          // A link may carry a what-if: ?set=key.path=value (repeatable), as --set takes it.
          if (initial) {
            params.getAll("set").forEach((pair) => {
              const at = pair.indexOf("=");
              const e = document.querySelector('[data-key="' + CSS.escape(pair.slice(0, at)) + '"]');
              if (at > 0 && e) e.value = pair.slice(at + 1);
            });
            initial = false;
          }
          run();
        }
        async function save(overwrite) {
          const body = { changes: changes(), lang: lang, name: $("variant").value.trim(), overwrite: overwrite };
          const r = await post("/variants", body);
          const answer = await r.json();
          if (!r.ok) {
            if (!overwrite && r.status === 400 && /exists|已存在/.test(answer.error || "") && confirm(t("confirm"))) return save(true);
            showError(answer.error || r.statusText, body.changes); return;
          }
          $("saved").textContent = t("savedAs") + answer.file + " — " + t("run") + answer.file;
        }
        async function exportReport(format) {
          const body = { changes: changes(), lang: lang, name: $("variant").value.trim(), format: format };
          const r = await post("/export", body);
          if (!r.ok) { const answer = await r.json(); showError(answer.error || r.statusText, body.changes); return; }
          const blob = await r.blob();
          const match = /filename="([^"]+)"/.exec(r.headers.get("Content-Disposition") || "");
          const a = document.createElement("a");
          a.href = URL.createObjectURL(blob); a.download = match ? match[1] : "report." + format;
          document.body.appendChild(a); a.click(); a.remove();
        }
        $("save").addEventListener("click", () => save(false));
        $("exportHtml").addEventListener("click", () => exportReport("html"));
        $("exportXlsx").addEventListener("click", () => exportReport("xlsx"));
        $("pin").addEventListener("click", () => { if (current) { pinned = current; $("unpin").style.display = ""; render(); } });
        $("unpin").addEventListener("click", () => { pinned = null; $("unpin").style.display = "none"; render(); });
        $("reset").addEventListener("click", () => { renderLevers(); run(); });
        $("scenario").addEventListener("change", loadScenario);
        $("lang").addEventListener("click", () => {
          lang = lang === "zh" ? "en" : "zh";
          translate();
          const values = {};
          document.querySelectorAll("[data-key]").forEach((e) => { values[e.dataset.key] = e.value; });
          const drawing = $("drawsOn") ? [$("drawsOn").checked, $("drawCount").value] : null;
          renderLevers();
          document.querySelectorAll("[data-key]").forEach((e) => { if (e.dataset.key in values) e.value = values[e.dataset.key]; });
          if (drawing) { $("drawsOn").checked = drawing[0]; $("drawCount").value = drawing[1]; }
          pinned = null; $("unpin").style.display = "none";
          run();
        });
        (async () => {
          translate();
          const list = await getJSON("/api/scenarios");
          const wanted = params.get("scenario");
          $("scenario").innerHTML = list.map((s) => "<option" + (s.name === wanted ? " selected" : "") + ">" + esc(s.name) + "</option>").join("");
          loadScenario();
        })();
        </script>
        </body>
        </html>
        """
}
