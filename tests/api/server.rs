//! The real `samenspel` binary as a child process, for what only a process shows: its log lines,
//! SIGTERM and SIGKILL.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use entity::OrganisationKind;
use samenspel::config::DatabaseSettings;
use samenspel::graphql::ids::{NodeType, encode};
use serde_json::Value;

use crate::fixtures;

/// The signing secret every child process of a test shares, so the CLI's tokens are accepted.
const SECRET: &str = "0123456789abcdef0123456789abcdef-test-only-secret";

/// A `samenspel` command on `database_url`, logging JSON.
pub fn command(database_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samenspel"));
    cmd.env("DATABASE_URL", database_url)
        .env("SAMENSPEL_JWT_SECRET", SECRET)
        .env("SAMENSPEL_LOG_FORMAT", "json")
        .env("SAMENSPEL_LOG", "info,sqlx=warn");
    cmd
}

/// An organisation in a coalition on a migrated database: what a writer needs.
pub struct World {
    pub organisation_id: i32,
    /// Global ID of the coalition.
    pub coalition: String,
}

/// Migrates `database_url` and adds one organisation, member of one coalition.
pub async fn arrange(database_url: &str) -> World {
    let settings = DatabaseSettings {
        database_url: database_url.into(),
        db_pool: 1,
    };
    let (db, _) = samenspel::db::connect(&settings).await.expect("connect");
    samenspel::db::migrate(&db).await.expect("migrate");
    let org = fixtures::org(&db, "hvo-querido", OrganisationKind::CareProvider).await;
    let c = fixtures::coalition(&db, "cop-wooncirkels").await;
    fixtures::member(&db, c.id, org.id).await;
    db.close().await.ok();
    World {
        organisation_id: org.id,
        coalition: encode(NodeType::Coalition, c.id).to_string(),
    }
}

/// An EDITOR token of hvo-querido, issued with `samenspel token issue`.
pub fn editor_token(database_url: &str) -> String {
    let out = command(database_url)
        .args([
            "token",
            "issue",
            "--org",
            "hvo-querido",
            "--role",
            "EDITOR",
            "--label",
            "writer",
        ])
        .output()
        .expect("run samenspel token issue");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 token").trim().to_string()
}

/// An ORG_ADMIN token of hvo-querido, issued with `samenspel token issue`.
pub fn org_admin_token(database_url: &str) -> String {
    let out = command(database_url)
        .args([
            "token",
            "issue",
            "--org",
            "hvo-querido",
            "--role",
            "ORG_ADMIN",
            "--label",
            "admin",
        ])
        .output()
        .expect("run samenspel token issue");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 token").trim().to_string()
}

/// The `data` of a GraphQL request to the server at `address` as `token`; fails on errors.
pub async fn post_data(address: &str, token: &str, query: &str, variables: Value) -> Value {
    let res = reqwest::Client::new()
        .post(format!("{address}/graphql"))
        .bearer_auth(token)
        .json(&serde_json::json!({ "query": query, "variables": variables }))
        .send()
        .await
        .unwrap();
    let body: Value = res.json().await.unwrap();
    assert!(body.get("errors").is_none(), "{body}");
    body["data"].clone()
}

/// A running `samenspel serve` and every line it logged so far.
pub struct Server {
    child: Child,
    pub address: String,
    logs: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `serve --addr 127.0.0.1:0 --no-seed` and waits until it listens.
    pub fn start(database_url: &str) -> Server {
        Server::start_with(database_url, &[])
    }

    /// Like `start`, with more environment variables.
    pub fn start_with(database_url: &str, env: &[(&str, &str)]) -> Server {
        let mut child = command(database_url)
            .envs(env.iter().copied())
            .args(["serve", "--addr", "127.0.0.1:0", "--no-seed"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn samenspel serve");
        let logs = Arc::new(Mutex::new(Vec::new()));
        let lines = read_lines(&mut child, logs.clone());
        let address = wait_for_address(&lines, &logs);
        Server { child, address, logs }
    }

    /// Every line logged so far.
    pub fn logs(&self) -> Vec<String> {
        self.logs.lock().unwrap().clone()
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }

    /// SIGTERM: the way an orchestrator stops a replica.
    pub fn terminate(&self) {
        let pid = i32::try_from(self.child.id()).unwrap();
        // SAFETY: kill(2) on our own child's pid has no memory effects.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    }

    /// The exit status, once the process has ended within `limit`.
    pub fn wait(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Copies the child's stderr into `logs` on a thread, and each line to the returned channel.
fn read_lines(child: &mut Child, logs: Arc<Mutex<Vec<String>>>) -> Receiver<String> {
    let stderr = child.stderr.take().expect("piped stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            logs.lock().unwrap().push(line.clone());
            let _ = tx.send(line);
        }
    });
    rx
}

/// `http://addr` from the "listening" line, within 10 seconds.
fn wait_for_address(lines: &Receiver<String>, logs: &Mutex<Vec<String>>) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(line) = lines.recv_timeout(left) else { break };
        let Ok(json) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        if let Some(addr) = json["fields"]["addr"].as_str() {
            return format!("http://{addr}");
        }
    }
    panic!("the server did not start:\n{}", logs.lock().unwrap().join("\n"));
}

/// What a write was answered with: the new record's global ID, or why not.
pub type Written = Result<String, String>;

/// Runs one mutation over HTTP and returns the `id` of `field`'s record `record`; any HTTP
/// status but 200, any GraphQL error or user error is an `Err` that describes it.
pub async fn write(client: &reqwest::Client, address: &str, token: &str, mutation: &str, input: Value) -> Written {
    let (field, record) = match mutation {
        "createLearningQuestion" => ("createLearningQuestion", "learningQuestion"),
        _ => ("addContribution", "contribution"),
    };
    let ty = if field == "addContribution" {
        "AddContributionInput"
    } else {
        "CreateLearningQuestionInput"
    };
    let query = format!(
        "mutation Write($input: {ty}!) {{ {field}(input: $input) {{ {record} {{ id }} userErrors {{ code message }} }} }}"
    );
    let body = serde_json::json!({ "query": query, "variables": { "input": input } });
    let res = client
        .post(format!("{address}/graphql"))
        .bearer_auth(token)
        .json(&body)
        .send();
    let res = res.await.map_err(|e| format!("transport: {e}"))?;
    let status = res.status();
    let text = res.text().await.map_err(|e| format!("body: {e}"))?;
    let json: Value = serde_json::from_str(&text).map_err(|_| format!("HTTP {status}: {text}"))?;
    match json["data"][field][record]["id"].as_str() {
        Some(id) if status == 200 && json.get("errors").is_none() => Ok(id.to_string()),
        _ => Err(format!("HTTP {status}: {text}")),
    }
}
