//! The browser entry point: hydrates the server-rendered page. Nothing else lives here.

#![recursion_limit = "256"]

/// Room for the wasm splitter to move read-only data (interface texts, field names) out of the
/// main module and into the lazy chunks that use it. The splitter lays each module's data out
/// with its own alignment padding; when the result is longer than the linker's segment, it gives
/// up and leaves all data in the main module. Nothing reads these bytes: the linker keeps them
/// (`#[used]`) and the splitter drops them, so they never reach the browser.
#[used]
static SPLIT_SLACK: [u8; 8192] = [0x5a; 8192];

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes (split wasm chunks) need the asynchronous hydration: the current route's chunk
    // is loaded before its markup is hydrated.
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document().body();
        if let Some(body) = body {
            let handle = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
            // The app lives as long as the page.
            std::mem::forget(handle);
            // Lets browser tests (and curious readers of the DOM) know the page is interactive.
            let _ = body.set_attribute("data-hydrated", "");
        }
    });
}
