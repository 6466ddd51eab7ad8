#!/usr/bin/env python3
"""Writes a Java 17 runtime base image as a `docker save` tarball, for building the application images with no
registry and no Docker daemon (Jib takes it as quarkus.jib.base-jvm-image=tar://...). Production images use the UBI
OpenJDK runtime from the registry (see src/main/docker/Dockerfile.jvm and README); this one is made from the build
machine's own JDK: a jlink runtime, the shared libraries it links, /etc/passwd with the non-root user 185 and /tmp.

usage: base-image.py OUTPUT.tar [JAVA_HOME]
"""
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

# What Quarkus, Camel, Artemis, the JDBC drivers and the SMS SDKs use; jdk.charsets for GBK files of partners.
MODULES = ("java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.naming.dns,"
           "jdk.net,jdk.charsets,jdk.localedata,jdk.jfr,jdk.security.auth")
JAVA_DIR = "opt/java"


def shared_libraries(paths):
    libs = set()
    for path in paths:
        out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            candidate = parts[2] if "=>" in parts and len(parts) > 2 else parts[0] if parts else ""
            if candidate.startswith("/") and os.path.exists(candidate):
                libs.add(candidate)
    return sorted(libs)


def add_file(tar, source, name, mode=None):
    info = tar.gettarinfo(source, arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mtime = 0
    if mode is not None:
        info.mode = mode
    if info.isfile():
        with open(source, "rb") as f:
            tar.addfile(info, f)
    else:
        tar.addfile(info)


def add_text(tar, name, text, mode=0o644):
    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), mode, 0
    tar.addfile(info, io.BytesIO(data))


def add_dir(tar, name, mode=0o755, uid=0):
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.mtime, info.uid, info.gid = tarfile.DIRTYPE, mode, 0, uid, uid
    tar.addfile(info)


def main():
    output = os.path.abspath(sys.argv[1])
    java_home = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("JAVA_HOME") or os.path.dirname(
        os.path.dirname(os.path.realpath(shutil.which("java"))))
    work = tempfile.mkdtemp(prefix="base-image-")
    try:
        runtime = os.path.join(work, "java")
        subprocess.run([os.path.join(java_home, "bin", "jlink"), "--add-modules", MODULES, "--strip-debug",
                        "--no-header-files", "--no-man-pages", "--compress=2", "--output", runtime], check=True)
        binaries = [os.path.join(dirpath, f) for dirpath, _, files in os.walk(runtime) for f in files
                    if f.endswith(".so") or dirpath.endswith("/bin")]
        layer_path = os.path.join(work, "layer.tar")
        with tarfile.open(layer_path, "w", format=tarfile.PAX_FORMAT) as layer:
            for d in ("etc", "lib", "lib64", "opt", "tmp", "home", "home/jboss", "usr", "usr/lib"):
                add_dir(layer, d, 0o1777 if d == "tmp" else 0o755, 185 if d == "home/jboss" else 0)
            added_dirs = set()
            for lib in shared_libraries(binaries):
                if lib.startswith(runtime):
                    continue
                real = os.path.realpath(lib)
                for name in {lib.lstrip("/"), real.lstrip("/")}:
                    parent = os.path.dirname(name)
                    parts = parent.split("/")
                    for i in range(1, len(parts) + 1):
                        sub = "/".join(parts[:i])
                        if sub not in added_dirs and sub not in ("etc", "lib", "lib64", "usr", "usr/lib"):
                            add_dir(layer, sub)
                            added_dirs.add(sub)
                    add_file(layer, real, name)
            for dirpath, dirnames, files in os.walk(runtime):
                rel = os.path.relpath(dirpath, runtime)
                target = JAVA_DIR if rel == "." else JAVA_DIR + "/" + rel
                add_file(layer, dirpath, target)
                for f in sorted(files):
                    add_file(layer, os.path.join(dirpath, f), target + "/" + f)
            add_text(layer, "etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\njboss:x:185:0:jboss:/home/jboss:/sbin/nologin\n")
            add_text(layer, "etc/group", "root:x:0:\njboss:x:185:\n")
            add_text(layer, "etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n")
        with open(layer_path, "rb") as f:
            diff_id = "sha256:" + hashlib.sha256(f.read()).hexdigest()
        config = {
            "architecture": "amd64",
            "os": "linux",
            "config": {
                "User": "185",
                "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
                "WorkingDir": "/home/jboss",
            },
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
            "history": [{"created_by": "infra/image/base-image.py (jlink " + MODULES + ")"}],
        }
        config_bytes = json.dumps(config, sort_keys=True).encode()
        config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
        manifest = [{"Config": config_name, "RepoTags": ["approval-bridge/jre-base:17"], "Layers": ["layer.tar"]}]
        os.makedirs(os.path.dirname(output), exist_ok=True)
        with tarfile.open(output, "w") as image:
            image.add(layer_path, arcname="layer.tar")
            add_text(image, config_name, config_bytes.decode())
            add_text(image, "manifest.json", json.dumps(manifest))
        print(f"{output}: {os.path.getsize(output) // (1024 * 1024)} MiB, {diff_id}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
