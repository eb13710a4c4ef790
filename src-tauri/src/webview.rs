//! WebKitGTK settings for Charta's one local page: the features a browser needs and Charta
//! never uses (WebGL, Web Audio, media, the back/forward page cache, a browser's memory
//! cache, GPU compositing) are switched off, because each costs memory in the web process
//! (see BENCHMARKS.md, "The real app").

/// Applied to the main window's webview once it exists.
#[cfg(target_os = "linux")]
pub fn lean(webview: tauri::webview::PlatformWebview) {
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
    };
    let view = webview.inner();
    if let Some(settings) = WebViewExt::settings(&view) {
        settings.set_enable_webgl(false);
        settings.set_enable_webaudio(false);
        settings.set_enable_media(false);
        settings.set_enable_page_cache(false);
        settings.set_enable_dns_prefetching(false);
        settings.set_enable_offline_web_application_cache(false);
        // A form-and-list page paints faster on the CPU than through a GL compositor, and
        // without one the web process holds no GL buffers: measured under Xvfb (software GL),
        // two frames took 15 ms instead of 67 and the app 46 MB less (BENCHMARKS.md).
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
    }
    if let Some(context) = view.context() {
        // One local document: no browsing history worth caching resources for.
        context.set_cache_model(CacheModel::DocumentViewer);
    }
}

#[cfg(not(target_os = "linux"))]
pub fn lean(_webview: tauri::webview::PlatformWebview) {}
