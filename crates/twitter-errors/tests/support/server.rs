//! The `mock_api` example served on 127.0.0.1, and a reqwest client for it:
//! what the integration tests start. The test including this file declares
//! `mod mock_api` (the example) at its root.

use std::time::Duration;

use crate::mock_api::{self, Config};

/// A client for the mock: no proxy, a 10-second timeout.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// A window with room for every call of a test.
pub fn generous() -> Config {
    Config {
        limit: 1000,
        ..Config::default()
    }
}

/// A running mock API and a client for it.
pub struct Server {
    pub base: String,
    pub client: reqwest::Client,
}

impl Server {
    pub async fn start(config: Config) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        assert!(addr.ip().is_loopback());
        tokio::spawn(mock_api::serve(listener, config));
        Server {
            base: format!("http://{addr}"),
            client: client(),
        }
    }

    /// The URL of `target` on the mock.
    pub fn url(&self, target: &str) -> String {
        format!("{}{target}", self.base)
    }

    pub async fn get(&self, target: &str, accept: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(self.url(target));
        if let Some(a) = accept {
            request = request.header("accept", a);
        }
        request.send().await.unwrap()
    }

    /// POSTs to `target` and gives the status.
    pub async fn post(&self, target: &str) -> u16 {
        self.client
            .post(self.url(target))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}
