//! Large uploads: resumable sessions streamed from disk in 256 KiB-aligned chunks, the
//! resume after a failed chunk, and a 50 MB file arriving whole.

use sha2::{Digest, Sha256};
use wsmcp_drive::upload::UploadTuning;

use super::*;
use wsmcp_core::notify::LogLevel;

/// A file of `len` pseudo-random bytes (not compressible, not repetitive at chunk size).
fn write_big(path: &std::path::Path, len: usize) -> String {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut hasher = Sha256::new();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut buf = vec![0u8; 1 << 16];
    let mut left = len;
    while left > 0 {
        for b in buf.iter_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *b = state as u8;
        }
        let n = left.min(buf.len());
        f.write_all(&buf[..n]).unwrap();
        hasher.update(&buf[..n]);
        left -= n;
    }
    f.flush().unwrap();
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn fifty_megabytes_stream_from_disk_in_chunks() {
    let env = Env::new().await;
    const LEN: usize = 50 * 1000 * 1000;
    let path = env.dir.path().join("allowed/big.bin");
    let digest = write_big(&path, LEN);
    let url = format!("file://{}", path.display());
    let out = env
        .ok(
            "create_drive_file",
            json!({"file_name": "big.bin", "fileUrl": url, "mime_type": "application/octet-stream"}),
        )
        .await;
    assert!(out.text.contains("(resumable upload)"), "{}", out.text);
    let id = id_after(&out.text, "(id:");

    let creates = env.requests("drive.files.create");
    let start = creates.iter().find(|r| r.method == "POST").unwrap();
    assert_eq!(start.query_param("uploadType"), Some("resumable"));
    assert_eq!(start.body.as_ref().unwrap()["name"], "big.bin", "metadata opens the session");
    let chunks: Vec<_> = creates.iter().filter(|r| r.method == "PUT").collect();
    // 8 MiB chunks: 50,000,000 bytes take 6 PUTs, every one answered (308, then 200).
    assert_eq!(chunks.len(), LEN.div_ceil(8 * 1024 * 1024), "{chunks:#?}");
    assert!(chunks.iter().all(|r| r.query_param("upload_id").is_some()));
    assert!(chunks[..chunks.len() - 1].iter().all(|r| r.status == 308));
    assert_eq!(chunks.last().unwrap().status, 200);

    let stored = wsmcp_drive::api::files_get_media(&env.g(), &id).await.unwrap();
    assert_eq!(stored.len(), LEN, "the sandbox received every byte");
    let got: String = Sha256::digest(&stored).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(got, digest);
    assert_eq!(file_json(&env, &id, "size").await["size"], LEN.to_string());
    env.done();
}

#[tokio::test]
async fn a_failed_chunk_is_resumed_not_restarted() {
    // Small tuning so a 1.5 MB file takes six 256 KiB chunks.
    let tuning = UploadTuning { resumable_above: 300 * 1024, chunk: 256 * 1024 };
    let env = Env::with(|o| DriveOptions { upload: tuning, ..o }).await;
    let len = 1_500_000;
    let path = env.dir.path().join("allowed/deck.pptx");
    let digest = write_big(&path, len);
    // The first chunk PUT fails once with 503; the client asks the session where it stands.
    env.inject(Fault { method: Some("PUT".into()), ..Fault::status("upload/drive/v3/files", 503) });
    let out = env
        .ok("create_drive_file", json!({"file_name": "data.bin", "fileUrl": format!("file://{}", path.display())}))
        .await;
    let id = id_after(&out.text, "(id:");
    let stored = wsmcp_drive::api::files_get_media(&env.g(), &id).await.unwrap();
    let got: String = Sha256::digest(&stored).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!((stored.len(), got), (len, digest));
    // The failed PUT never reached Drive (the sandbox answered 503 in front of it), so
    // Drive saw 6 chunks and one status probe (`bytes */total`, no body).
    assert_eq!(env.handle.sandbox().faults_served(), 1);
    let puts: Vec<_> = env.handle.requests().into_iter().filter(|r| r.method == "PUT").collect();
    assert_eq!(puts.len(), 7, "{puts:#?}");
    assert_eq!(puts.iter().filter(|r| r.media_type.is_none()).count(), 1, "one probe without a body");
    // The client was told: progress after each chunk Drive took, rising to the whole file, and
    // a warning when the failed chunk was resumed.
    let progress = env.notes.progress.lock().unwrap().clone();
    assert_eq!(progress.len(), 6, "{progress:?}");
    assert!(progress.windows(2).all(|w| w[0].0 < w[1].0), "{progress:?}");
    assert!(progress.iter().all(|p| p.1 == Some(len as f64)));
    assert_eq!(progress.last().unwrap().0, len as f64);
    let logs = env.notes.logs.lock().unwrap().clone();
    assert!(logs.iter().any(|(level, m)| *level == LogLevel::Warning && m.contains("resuming")), "{logs:?}");
    env.done();
}

#[tokio::test]
async fn content_updates_use_resumable_sessions_too() {
    let tuning = UploadTuning { resumable_above: 64 * 1024, chunk: 256 * 1024 };
    let env = Env::with(|o| DriveOptions { upload: tuning, ..o }).await;
    let text: String = (0..40_000).map(|i| format!("row {i}\n")).collect();
    let path = env.allowed_file("rows.txt", text.as_bytes());
    env.ok("update_drive_file", json!({"file_id": ids::UEBERSICHT_TXT, "file_path": path.to_str().unwrap()})).await;
    let updates = env.requests("drive.files.update");
    let start = updates.iter().find(|r| r.method == "PATCH").unwrap();
    assert_eq!(start.query_param("uploadType"), Some("resumable"));
    assert!(updates.iter().filter(|r| r.method == "PUT").count() >= 2);
    let stored = wsmcp_drive::api::files_get_media(&env.g(), ids::UEBERSICHT_TXT).await.unwrap();
    assert_eq!(stored.as_ref(), text.as_bytes());
    env.done();
}
