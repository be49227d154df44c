//! Image operations of a Docker-compatible engine: pull, build, commit,
//! remove, import.

use std::path::Path;

use async_trait::async_trait;
use bollard::models::ContainerConfig;
use bollard::query_parameters::{
    BuildImageOptions, CommitContainerOptions, CreateImageOptionsBuilder, RemoveImageOptions,
};
use futures_util::StreamExt;

use super::EngineApi;
use crate::backend::{ByteStream, ImageStore, Progress, ProgressSink, Sandbox};
use crate::error::{Error, Result};

#[async_trait]
impl ImageStore for EngineApi {
    async fn exists(&self, image: &str) -> Result<bool> {
        match self.client.inspect_image(image).await {
            Ok(_) => Ok(true),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(false),
            Err(e) => Err(self.error("inspect image", e)),
        }
    }

    async fn ensure(
        &self,
        image: &str,
        hint: &str,
        progress: Option<ProgressSink>,
    ) -> Result<bool> {
        if self.exists(image).await? {
            return Ok(false);
        }
        tracing::info!(image, engine = self.engine, "pulling image");
        let options = CreateImageOptionsBuilder::new().from_image(image).build();
        let mut stream = self.client.create_image(Some(options), None, None);
        let unavailable = |reason: String| Error::ImageUnavailable {
            image: image.to_string(),
            hint: hint.to_string(),
            reason,
        };
        while let Some(event) = stream.next().await {
            let event = event.map_err(|e| unavailable(self.error("pull", e).to_string()))?;
            if let Some(detail) = event.error_detail {
                return Err(unavailable(detail.message.unwrap_or_default()));
            }
            if let Some(sink) = &progress {
                let detail = event.progress_detail.unwrap_or_default();
                sink(&Progress {
                    image: image.to_string(),
                    layer: event.id,
                    status: event.status.unwrap_or_default(),
                    current: detail.current.and_then(|v| u64::try_from(v).ok()),
                    total: detail.total.and_then(|v| u64::try_from(v).ok()),
                });
            }
        }
        if self.exists(image).await? {
            Ok(true)
        } else {
            Err(unavailable(
                "the pull finished but the image is not there".into(),
            ))
        }
    }

    async fn build(
        &self,
        context: &Path,
        dockerfile: &str,
        tag: &str,
        progress: Option<ProgressSink>,
    ) -> Result<()> {
        let failed = |reason: String| Error::BuildFailed {
            dockerfile: context.join(dockerfile),
            reason,
        };
        let tar = crate::archive::tar_stream(context.to_path_buf(), ".".into())?;
        let options = BuildImageOptions {
            dockerfile: dockerfile.to_string(),
            t: Some(tag.to_string()),
            rm: true,
            forcerm: true,
            ..Default::default()
        };
        let mut events =
            self.client
                .build_image(options, None, Some(bollard::body_try_stream(tar)));
        let mut log: Vec<String> = Vec::new();
        while let Some(event) = events.next().await {
            let event = event.map_err(|e| failed(self.error("build", e).to_string()))?;
            if let Some(detail) = event.error_detail {
                let tail = log[log.len().saturating_sub(10)..].join("\n");
                return Err(failed(format!(
                    "{}\n{tail}",
                    detail.message.unwrap_or_default()
                )));
            }
            let line = event.stream.as_deref().map(str::trim_end).unwrap_or("");
            if !line.is_empty() {
                log.push(line.to_string());
                if let Some(sink) = &progress {
                    sink(&Progress {
                        image: tag.to_string(),
                        layer: None,
                        status: line.to_string(),
                        current: None,
                        total: None,
                    });
                }
            }
        }
        if self.exists(tag).await? {
            Ok(())
        } else {
            Err(failed("the build finished but produced no image".into()))
        }
    }

    async fn commit(&self, sandbox: &dyn Sandbox, image: &str) -> Result<()> {
        let (repo, tag) = crate::images::split_reference(image);
        let options = CommitContainerOptions {
            container: Some(sandbox.id().to_string()),
            repo: Some(repo.to_string()),
            tag: Some(tag.to_string()),
            comment: Some("committed by llm-sandbox".into()),
            pause: true,
            ..Default::default()
        };
        self.client
            .commit_container(options, ContainerConfig::default())
            .await
            .map(|_| ())
            .map_err(|e| self.error(&format!("commit to {image}"), e))
    }

    async fn remove(&self, image: &str) -> Result<()> {
        match self
            .client
            .remove_image(image, None::<RemoveImageOptions>, None)
            .await
        {
            Ok(_) => Ok(()),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404 | 409,
                message,
            }) => {
                tracing::debug!(image, "image not removed: {message}");
                Ok(())
            }
            Err(e) => Err(self.error(&format!("remove image {image}"), e)),
        }
    }

    async fn import(&self, tar: ByteStream, image: &str, changes: &[String]) -> Result<()> {
        let (repo, tag) = crate::images::split_reference(image);
        let options = CreateImageOptionsBuilder::new()
            .from_src("-")
            .repo(repo)
            .tag(tag)
            .changes(changes.to_vec())
            .build();
        let mut events =
            self.client
                .create_image(Some(options), Some(bollard::body_try_stream(tar)), None);
        while let Some(event) = events.next().await {
            let event = event.map_err(|e| self.error(&format!("import {image}"), e))?;
            if let Some(detail) = event.error_detail {
                return Err(Error::Engine {
                    engine: self.engine,
                    action: format!("import {image}"),
                    reason: detail.message.unwrap_or_default(),
                    status: None,
                    source: None,
                });
            }
        }
        Ok(())
    }
}
