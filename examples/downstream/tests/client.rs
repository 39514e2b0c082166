//! The reqwest helpers with this crate's catalog: a code only this crate's
//! `errors.yaml` defines decodes to its own variant, as a bundled one does.

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use twitter_errors::codec::Bounds;
use twitter_errors::integrations::reqwest::{RequestError, ResponseExt};
use twitter_errors_example_downstream::{ErrorCode, Twitter};

/// Serves one response with `status` and the JSON `body`, on 127.0.0.1.
async fn serve_once(status: &'static str, body: String) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await.unwrap();
        let response = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(response.as_bytes()).await.unwrap();
    });
    format!("http://{addr}/1.1/statuses/update.json")
}

#[tokio::test]
async fn a_code_of_this_crate_decodes_through_the_reqwest_helpers() {
    let code = ErrorCode::MirrorReadOnly;
    let body = serde_json::json!({"errors": [{"code": code.code(), "message": code.message()}]});
    let url = serve_once("403 Forbidden", body.to_string()).await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = client.get(url).send().await.unwrap();
    let Err(RequestError::Api(e)) = response
        .api_error_for_status_as::<Twitter>(&Bounds::DEFAULT)
        .await
    else {
        panic!("not an API error")
    };
    assert!(e.has_code(code));
    assert_eq!(e.first_code().and_then(|c| c.known()), Some(code));
    assert_eq!(e.retry().hint, code.retry());
}
