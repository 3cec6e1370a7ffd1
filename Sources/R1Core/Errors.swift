// Status codes and the per-thread last error message.

import Foundation
import R1Tasks

let R1CI_OK: Int32 = 0
let R1CI_ERR_INVALID_ARGUMENT: Int32 = -1
let R1CI_ERR_STORE: Int32 = -2
let R1CI_ERR_INTERNAL: Int32 = -3
let R1CI_ERR_SANDBOX: Int32 = -4

/// One malloc'd message per thread, replaced on each failure and kept until the next.
private final class LastError {
    var pointer: UnsafeMutablePointer<CChar>?
    deinit { free(pointer) }
}

nonisolated(unsafe) private let emptyMessage: UnsafeMutablePointer<CChar> = strdup("")!

private let lastErrorKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
        if let raw { Unmanaged<LastError>.fromOpaque(raw).release() }
    }
    return key
}()

private func threadLastError() -> LastError {
    if let raw = pthread_getspecific(lastErrorKey) {
        return Unmanaged<LastError>.fromOpaque(raw).takeUnretainedValue()
    }
    let box = LastError()
    pthread_setspecific(lastErrorKey, Unmanaged.passRetained(box).toOpaque())
    return box
}

/// Records `message` as this thread's last error and returns `status`.
func fail(_ status: Int32, _ message: String) -> Int32 {
    let box = threadLastError()
    free(box.pointer)
    box.pointer = strdup(message)
    return status
}

@_cdecl("r1ci_last_error")
public func r1ci_last_error() -> UnsafePointer<CChar> {
    UnsafePointer(threadLastError().pointer ?? emptyMessage)
}

/// Hands a Swift string to C: a malloc'd copy the caller frees with r1ci_string_free.
func giveString(_ text: String, to out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let out else { return fail(R1CI_ERR_INVALID_ARGUMENT, "output pointer is NULL") }
    guard let copy = strdup(text) else { return fail(R1CI_ERR_INTERNAL, "out of memory") }
    out.pointee = copy
    return R1CI_OK
}

/// Reads a C string argument that must not be NULL.
func takeString(_ pointer: UnsafePointer<CChar>?, _ name: String) -> String? {
    pointer.map { String(cString: $0) }
}

@_cdecl("r1ci_string_free")
public func r1ci_string_free(_ s: UnsafeMutablePointer<CChar>?) {
    free(s)
}

@_cdecl("r1ci_version")
public func r1ci_version() -> UnsafePointer<CChar> {
    UnsafePointer(versionCString)
}

nonisolated(unsafe) private let versionCString: UnsafeMutablePointer<CChar> = strdup(R1CIVersion.string)!
