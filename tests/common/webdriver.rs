//! A tiny W3C WebDriver client (on `ureq`) for the browser tests: starts Debian's
//! `chromedriver` (CKG_CHROMEDRIVER) on a free port, opens one headless Chromium session
//! (CKG_CHROMIUM), and offers just what the tests use: navigate, run a script, find and click,
//! screenshot. Anything that cannot start fails with the reason; nothing is skipped.

use super::servers::free_port;
use base64::Engine;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Browser {
    driver: Child,
    agent: ureq::Agent,
    url: String,
}

/// The first `name` on PATH (the driver wants a path to the browser), or `name` itself.
fn on_path(name: &str) -> String {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
        .map_or(name.to_string(), |p| p.display().to_string())
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session, or panics saying why.
    pub fn start() -> Self {
        let driver_bin = std::env::var("CKG_CHROMEDRIVER").unwrap_or("chromedriver".into());
        // As scripts/deps.sh checks them: CKG_CHROMIUM, else `chromium` on PATH.
        let chromium = std::env::var("CKG_CHROMIUM").unwrap_or_else(|_| on_path("chromium"));
        let port = free_port();
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {driver_bin} ({e}); run scripts/deps.sh (Debian chromium-driver)"
                )
            });
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .new_agent();
        let mut browser = Browser {
            driver,
            agent,
            url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        loop {
            if let Ok(status) = browser.call("GET", "/status", None) {
                if status["value"]["ready"] == json!(true) {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{driver_bin} did not become ready on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let session = browser
            .call(
                "POST",
                "/session",
                Some(json!({"capabilities": {"alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                                 "--disable-dev-shm-usage", "--window-size=1400,900"]
                    }
                }}})),
            )
            .expect("the driver answers");
        let id = session["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("Chromium did not start: {session}"))
            .to_string();
        browser.url = format!("{}/session/{id}", browser.url);
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.url);
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or(json!({})).to_string().as_bytes()),
        };
        let mut response = response.map_err(|e| e.to_string())?;
        let text = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .map_err(|e| e.to_string())?;
        serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))
    }

    fn session(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let answer = self
            .call(method, path, body)
            .unwrap_or_else(|e| panic!("WebDriver {path}: {e}"));
        if let Some(error) = answer["value"].get("error") {
            panic!("WebDriver {path}: {error}: {}", answer["value"]["message"]);
        }
        answer["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.session("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body; `arguments` are `args`) and returns its value.
    pub fn script(&self, script: &str, args: Value) -> Value {
        self.session(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Waits until `script` returns something truthy (not null, false, 0 or ""), or panics
    /// with `what`.
    pub fn wait_for(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let v = self.script(script, json!([]));
            let truthy = !(v.is_null()
                || v == json!(false)
                || v == json!(0)
                || v == json!("")
                || v.as_array().is_some_and(|a| a.is_empty()));
            if truthy {
                return v;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Clicks the first element matching a CSS selector, as a user would.
    pub fn click(&self, css: &str) {
        let found = self.session(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string();
        self.session("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let b64 = self.session("GET", "/screenshot", None);
        base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().expect("base64 text"))
            .expect("a PNG in base64")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.call("DELETE", "", None);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
