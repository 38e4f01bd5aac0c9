//! Charts drawn in the browser with ECharts: options built with `charming` (the map's by hand,
//! as charming has no map series), ECharts itself loaded from `/vendor/echarts.min.js` only when
//! a page draws a chart. Everything here runs in the browser; on the server the functions that
//! touch the DOM are no-ops, and pages render each chart's data as a table instead.

use crate::i18n::Lang;
use crate::model::{format_usd, DashboardData, Totals};
use crate::pages::contributions::text::texts;

/// USD cents as millions of dollars, for chart axes.
pub fn millions(cents: i64) -> f64 {
    (cents as f64 / 1e8 * 100.0).round() / 100.0
}

/// The chart's palette: blues and an orange with enough contrast on white.
pub const COLORS: [&str; 6] = [
    "#0b4f8a", "#5b9bd5", "#b8470b", "#2e7d32", "#7b5ea7", "#6b7683",
];

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use crate::model::{AggregateRow, CountryCoverage, Flow};
    use charming::{
        component::{Axis, Grid, Legend},
        element::{AxisType, Tooltip, Trigger},
        series::{Bar, Funnel, Line, Sankey, SankeyNode},
        Chart,
    };
    use std::cell::RefCell;
    use wasm_bindgen::{prelude::*, JsCast};

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = echarts, js_name = init)]
        fn ec_init(el: &web_sys::Element, theme: JsValue, opts: JsValue) -> JsValue;
        #[wasm_bindgen(js_namespace = echarts, js_name = registerMap)]
        fn ec_register_map(name: &str, geo: JsValue);
        #[wasm_bindgen(js_namespace = echarts, js_name = getInstanceByDom)]
        fn ec_instance(el: &web_sys::Element) -> JsValue;
        #[wasm_bindgen(js_namespace = echarts, js_name = dispose)]
        fn ec_dispose(target: &JsValue);
    }

    thread_local! {
        static LOADING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
        static MAP_READY: RefCell<bool> = const { RefCell::new(false) };
        static RESIZING: RefCell<bool> = const { RefCell::new(false) };
    }

    /// Once per page: charts follow the window's width (a phone turned, a window resized).
    fn follow_window_size() {
        if RESIZING.with(|r| r.replace(true)) {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let on_resize = Closure::<dyn Fn()>::new(|| {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let Ok(list) = doc.query_selector_all(".chart") else {
                return;
            };
            for i in 0..list.length() {
                if let Some(el) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let chart = ec_instance(&el);
                    if !chart.is_undefined() && !chart.is_null() {
                        let _ = call(&chart, "resize", &[]);
                    }
                }
            }
        });
        let _ =
            window.add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
        // Lives as long as the page.
        on_resize.forget();
    }

    fn has_echarts() -> bool {
        web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"echarts".into()).ok())
            .is_some_and(|v| !v.is_undefined())
    }

    /// Loads ECharts once, by adding its script to the page, and waits for it.
    pub async fn ensure_echarts() -> Result<(), JsValue> {
        if has_echarts() {
            return Ok(());
        }
        let promise = LOADING.with(|l| {
            l.borrow_mut()
                .get_or_insert_with(|| {
                    js_sys::Promise::new(&mut |resolve, reject| {
                        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                            let _ = reject.call0(&JsValue::NULL);
                            return;
                        };
                        let Ok(script) = doc.create_element("script") else {
                            return;
                        };
                        let script: web_sys::HtmlScriptElement = script.unchecked_into();
                        script.set_src("/vendor/echarts.min.js");
                        let ok = Closure::once_into_js(move || {
                            let _ = resolve.call0(&JsValue::NULL);
                        });
                        let fail = Closure::once_into_js(move || {
                            let _ = reject.call0(&JsValue::NULL);
                        });
                        script.set_onload(Some(ok.unchecked_ref()));
                        script.set_onerror(Some(fail.unchecked_ref()));
                        if let Some(head) = doc.head() {
                            let _ = head.append_child(&script);
                        }
                    })
                })
                .clone()
        });
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|_| ())
    }

    /// Fetches the seven countries' outlines and registers them as the map "mirps", once.
    pub async fn ensure_map() -> Result<(), JsValue> {
        if MAP_READY.with(|r| *r.borrow()) {
            return Ok(());
        }
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let res: web_sys::Response = wasm_bindgen_futures::JsFuture::from(
            window.fetch_with_str("/vendor/mirps-countries.geo.json"),
        )
        .await?
        .dyn_into()?;
        let json = wasm_bindgen_futures::JsFuture::from(res.json()?).await?;
        ec_register_map("mirps", json);
        MAP_READY.with(|r| *r.borrow_mut() = true);
        Ok(())
    }

    fn element(id: &str) -> Option<web_sys::Element> {
        web_sys::window()?.document()?.get_element_by_id(id)
    }

    fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
        let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
        let array = js_sys::Array::new();
        for a in args {
            array.push(a);
        }
        f.apply(target, &array)
    }

    /// Draws `option` (any serialisable ECharts option) into the element `id`, replacing what
    /// was there.
    pub fn draw_value(id: &str, option: JsValue) -> Result<(), JsValue> {
        let el = element(id).ok_or(JsValue::NULL)?;
        let old = ec_instance(&el);
        if !old.is_undefined() && !old.is_null() {
            ec_dispose(&old);
        }
        let opts = js_sys::Object::new();
        js_sys::Reflect::set(&opts, &"renderer".into(), &"canvas".into())?;
        let chart = ec_init(&el, JsValue::NULL, opts.into());
        follow_window_size();
        call(&chart, "setOption", &[option, JsValue::TRUE])?;
        Ok(())
    }

    fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
        v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    pub fn draw(id: &str, chart: &Chart) -> Result<(), JsValue> {
        draw_value(id, to_js(chart)?)
    }

    /// Saves the chart in `id` as a PNG file.
    pub fn download_png(id: &str, filename: &str) -> Result<(), JsValue> {
        let el = element(id).ok_or(JsValue::NULL)?;
        let chart = ec_instance(&el);
        if chart.is_undefined() {
            return Err(JsValue::NULL);
        }
        let opts = js_sys::Object::new();
        js_sys::Reflect::set(&opts, &"type".into(), &"png".into())?;
        js_sys::Reflect::set(&opts, &"pixelRatio".into(), &JsValue::from_f64(2.0))?;
        js_sys::Reflect::set(&opts, &"backgroundColor".into(), &"#ffffff".into())?;
        let url = call(&chart, "getDataURL", &[opts.into()])?;
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or(JsValue::NULL)?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.unchecked_into();
        a.set_href(&url.as_string().unwrap_or_default());
        a.set_download(filename);
        a.click();
        Ok(())
    }

    /// The palette, an accessible description and a tooltip: what every chart starts from.
    fn plain(trigger: Trigger) -> Chart {
        Chart::new()
            .color(
                COLORS
                    .iter()
                    .map(|c| charming::element::Color::from(*c))
                    .collect(),
            )
            .tooltip(Tooltip::new().trigger(trigger))
            .aria(charming::component::Aria::new().enabled(true))
    }

    fn base(lang: Lang) -> Chart {
        plain(Trigger::Axis)
            .legend(Legend::new().top("top"))
            .grid(
                Grid::new()
                    .left("2%")
                    .right("4%")
                    .bottom("3%")
                    .top("14%")
                    .contain_label(true),
            )
            .animation(true)
            .background_color("#ffffff")
            .title(
                charming::component::Title::new()
                    .show(false)
                    .text(lang.t().site_name),
            )
    }

    fn labels(rows: &[AggregateRow], lang: Lang) -> Vec<String> {
        rows.iter()
            .map(|r| lang.pick(&r.name_es, &r.name_en).to_string())
            .collect()
    }

    /// Pledged and funded per group, as bars (horizontal for long names).
    pub fn bars(rows: &[AggregateRow], lang: Lang, horizontal: bool) -> Chart {
        let x = texts(lang);
        // Long names are shortened on the chart (the table beside it has them whole).
        let cats: Vec<String> = labels(rows, lang)
            .into_iter()
            .map(|l| {
                if horizontal && l.chars().count() > 28 {
                    format!("{}…", l.chars().take(27).collect::<String>().trim_end())
                } else {
                    l
                }
            })
            .collect();
        let pledged: Vec<f64> = rows.iter().map(|r| millions(r.pledged_usd)).collect();
        let funded: Vec<f64> = rows.iter().map(|r| millions(r.funded_usd)).collect();
        use charming::element::{AxisLabel, NameLocation};
        let cat_axis = Axis::new().type_(AxisType::Category).data(cats);
        // The unit under (or beside) the value axis, centred, so it is never cut off.
        let val_axis = Axis::new()
            .type_(AxisType::Value)
            .name(x.usd_millions)
            .name_location(NameLocation::Middle)
            .name_gap(if horizontal { 28.0 } else { 42.0 });
        let chart = base(lang);
        let chart = if horizontal {
            chart.x_axis(val_axis).y_axis(cat_axis.inverse(true))
        } else {
            // Every country's name, slanted when they do not fit side by side.
            chart
                .x_axis(cat_axis.axis_label(AxisLabel::new().interval(0.0).rotate(30.0)))
                .y_axis(val_axis)
        };
        chart
            .series(Bar::new().name(x.measure_pledged).data(pledged))
            .series(Bar::new().name(x.measure_funded).data(funded))
    }

    /// Pledged, committed, disbursed, implemented: how much of the money moved on.
    pub fn funnel(totals: &Totals, lang: Lang) -> Chart {
        let x = texts(lang);
        let data = vec![
            (millions(totals.pledged_usd), x.measure_pledged),
            (millions(totals.committed_usd), x.measure_committed),
            (millions(totals.disbursed_usd), x.measure_disbursed),
            (millions(totals.implemented_usd), x.measure_implemented),
        ];
        plain(Trigger::Item)
            .legend(Legend::new().top("top"))
            .series(
                Funnel::new()
                    .name(x.usd_millions)
                    .sort(charming::element::Sort::None)
                    .left("10%")
                    .width("80%")
                    .top("15%")
                    .data(data),
            )
    }

    /// The base chart with `categories` along the bottom and USD millions up the side.
    fn in_millions(categories: Vec<String>, lang: Lang) -> Chart {
        base(lang)
            .x_axis(Axis::new().type_(AxisType::Category).data(categories))
            .y_axis(
                Axis::new()
                    .type_(AxisType::Value)
                    .name(texts(lang).usd_millions),
            )
    }

    /// Pledged and funded by year.
    pub fn timeline(rows: &[AggregateRow], lang: Lang) -> Chart {
        let x = texts(lang);
        in_millions(rows.iter().map(|r| r.key.clone()).collect(), lang)
            .series(
                Bar::new()
                    .name(x.measure_pledged)
                    .data(rows.iter().map(|r| millions(r.pledged_usd)).collect()),
            )
            .series(
                Line::new()
                    .name(x.measure_funded)
                    .data(rows.iter().map(|r| millions(r.funded_usd)).collect()),
            )
    }

    /// Donor -> country -> pillar.
    pub fn sankey(flows: &[Flow], lang: Lang) -> Chart {
        let mut nodes: Vec<String> = Vec::new();
        let mut links = Vec::new();
        for f in flows {
            let s = lang.pick(&f.source_es, &f.source_en).to_string();
            let d = lang.pick(&f.target_es, &f.target_en).to_string();
            for n in [&s, &d] {
                if !nodes.contains(n) {
                    nodes.push(n.clone());
                }
            }
            links.push((s, d, millions(f.usd)));
        }
        plain(Trigger::Item).series(
            Sankey::new()
                .name(texts(lang).usd_millions)
                .nodes(nodes.into_iter().map(SankeyNode::new).collect())
                .links(links),
        )
    }

    /// Requirements against funding, per country.
    pub fn coverage(rows: &[CountryCoverage], lang: Lang) -> Chart {
        let x = texts(lang);
        let names = rows
            .iter()
            .map(|r| lang.pick(&r.name_es, &r.name_en).to_string());
        in_millions(names.collect(), lang)
            .series(
                Bar::new()
                    .name(x.measure_required)
                    .data(rows.iter().map(|r| millions(r.required_usd)).collect()),
            )
            .series(
                Bar::new()
                    .name(x.measure_funded)
                    .data(rows.iter().map(|r| millions(r.funded_usd)).collect()),
            )
    }

    /// The seven countries coloured by funding (an ECharts map series; built by hand).
    pub fn map_option(rows: &[CountryCoverage], lang: Lang) -> serde_json::Value {
        let x = texts(lang);
        let max = rows
            .iter()
            .map(|r| millions(r.funded_usd))
            .fold(1.0_f64, f64::max);
        let names: serde_json::Map<String, serde_json::Value> = rows
            .iter()
            .map(|r| {
                (
                    r.iso3.clone(),
                    serde_json::Value::String(lang.pick(&r.name_es, &r.name_en).to_string()),
                )
            })
            .collect();
        serde_json::json!({
            "aria": { "enabled": true },
            "tooltip": { "trigger": "item" },
            "visualMap": {
                "min": 0, "max": max, "left": "left", "bottom": "5%", "calculable": true,
                "text": [x.map_more, x.map_less],
                "inRange": { "color": ["#dfeaf5", "#0b4f8a"] }
            },
            "series": [{
                "type": "map", "map": "mirps", "name": x.measure_funded,
                "nameMap": names, "roam": false,
                "label": { "show": true, "fontSize": 11 },
                "data": rows.iter().map(|r| serde_json::json!({
                    "name": lang.pick(&r.name_es, &r.name_en),
                    "value": millions(r.funded_usd),
                })).collect::<Vec<_>>(),
            }]
        })
    }

    /// Draws every dashboard chart; charts that cannot be drawn leave their table alone.
    pub async fn draw_dashboard(data: &DashboardData, lang: Lang) -> Result<(), JsValue> {
        ensure_echarts().await?;
        let top: Vec<AggregateRow> = data.by_donor.iter().take(15).cloned().collect();
        draw("chart-donor", &bars(&top, lang, true))?;
        draw("chart-country", &bars(&data.by_country, lang, false))?;
        draw("chart-pillar", &bars(&data.by_pillar, lang, false))?;
        draw("chart-mechanism", &bars(&data.by_mechanism, lang, true))?;
        draw("chart-funnel", &funnel(&data.totals, lang))?;
        draw("chart-year", &timeline(&data.by_year, lang))?;
        draw("chart-flow", &sankey(&data.flows, lang))?;
        draw("chart-coverage", &coverage(&data.coverage, lang))?;
        ensure_map().await?;
        draw_value("chart-map", to_js(&map_option(&data.coverage, lang))?)?;
        Ok(())
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{download_png, draw_dashboard};

/// Server stand-ins: nothing to draw there.
#[cfg(not(feature = "hydrate"))]
pub fn download_png(_id: &str, _filename: &str) -> Result<(), String> {
    Ok(())
}

#[cfg(not(feature = "hydrate"))]
pub async fn draw_dashboard(_data: &DashboardData, _lang: Lang) -> Result<(), String> {
    Ok(())
}

/// A sentence summing up totals for screen readers and the page's description.
pub fn describe_totals(t: &Totals, lang: Lang) -> String {
    let tx = texts(lang);
    format!(
        "{}: {}. {}: {}.",
        tx.measure_pledged,
        format_usd(t.pledged_usd, lang),
        tx.measure_funded,
        format_usd(t.funded_usd, lang)
    )
}
