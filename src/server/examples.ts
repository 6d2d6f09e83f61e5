/** First GraphiQL tab: a page of public groups with what a client needs to page on. Needs no variables. */
export const PUBLIC_GROUPS_EXAMPLE = /* GraphQL */ `# A page of HeyGen's preset avatar groups, newest
# first. Run it with ▶ (or Ctrl+Enter), then take
# pageInfo.endCursor to the NextPageOfGroups tab.
query PublicAvatarGroups {
  avatarGroups(first: 5, ownership: PUBLIC) {
    nodes {
      groupId
      name
      gender
      looksCount
      previewImageUrl
      createdAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

/** Second tab: pages on with `after`. Its variable is a placeholder until a real endCursor is pasted in. */
export const NEXT_PAGE_EXAMPLE = /* GraphQL */ `# The page after a cursor. Paste the first tab's
# pageInfo.endCursor as "after" in Variables (below),
# then run. A cursor only works with the list and
# filters it came from.
query NextPageOfGroups($after: String!) {
  avatarGroups(first: 5, ownership: PUBLIC, after: $after) {
    edges {
      cursor
      node {
        groupId
        name
        looksCount
      }
    }
    pageInfo {
      hasPreviousPage
      hasNextPage
      endCursor
    }
  }
}
`;

/** Third tab: one group with its looks and default voice, i.e. the ids a video needs. Needs no variables. */
export const GROUP_DETAILS_EXAMPLE = /* GraphQL */ `# The newest public group with its looks and default
# voice. A look's lookId is the avatar_id, and
# defaultVoice.voiceId the voice_id, that HeyGen's
# video creation takes.
query GroupWithLooksAndVoice {
  avatarGroups(first: 1, ownership: PUBLIC) {
    nodes {
      groupId
      name
      defaultVoice {
        voiceId
        name
        language
        previewAudioUrl
      }
      looks(first: 5) {
        nodes {
          lookId
          name
          avatarType
          previewImageUrl
          supportedApiEngines
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
}
`;

/** Fourth tab: look-ups by HeyGen id and by global id. Its variables are placeholders to replace. */
export const LOOKUP_BY_ID_EXAMPLE = /* GraphQL */ `# One group by HeyGen's groupId, and any object by
# its global id. Paste ids from another tab's answer
# into Variables (below). An id HeyGen does not know
# answers null, not an error.
query LookUpById($groupId: ID!, $id: ID!) {
  avatarGroup(groupId: $groupId) {
    id
    name
    looksCount
    createdAt
  }
  node(id: $id) {
    __typename
    ... on AvatarGroup {
      groupId
      name
    }
    ... on AvatarLook {
      lookId
      name
    }
    ... on Voice {
      voiceId
      name
    }
  }
}
`;

/** Fifth tab: the caller's own videos and the account that pays for them. Needs no variables. */
export const MY_VIDEOS_EXAMPLE = /* GraphQL */ `# Your own videos, newest first, with where each
# one's rendering stands, and your account. Run it
# again while a video is PENDING or PROCESSING: it
# moves on by itself. File URLs are presigned and
# expire: fetch them fresh rather than storing them.
query MyVideos {
  me {
    username
    billingType
    wallet {
      currency
      remainingBalance
    }
  }
  videos(first: 5) {
    nodes {
      videoId
      title
      status
      createdAt
      duration
      videoUrl
      thumbnailUrl
      failureMessage
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

/**
 * Sixth tab: makes a video, then follows it with the subscription. Two operations (GraphiQL asks which to
 * run); its variables are placeholders for a look, a voice and then the new video's id.
 */
export const MAKE_A_VIDEO_EXAMPLE = /* GraphQL */ `# Make a video, then follow it as it renders.
# 1. In Variables (below), put a lookId and its
#    group's defaultVoice.voiceId, from the
#    GroupWithLooksAndVoice tab.
# 2. Run MakeAVideo (▶ asks which operation). Each
#    video spends credits: a repeat with the same
#    idempotencyKey makes no second one, and says
#    replayed: true.
# 3. Put its video.videoId as videoId in Variables
#    and run FollowVideo: the video streams in at
#    each change of status until it is COMPLETED.
mutation MakeAVideo($lookId: ID!, $voiceId: ID!, $script: String!, $idempotencyKey: String) {
  createVideo(input: {
    lookId: $lookId
    voiceId: $voiceId
    script: $script
    title: "Made in GraphiQL"
    idempotencyKey: $idempotencyKey
  }) {
    replayed
    video {
      videoId
      status
      title
    }
    look {
      name
    }
    voice {
      name
    }
  }
}

subscription FollowVideo($videoId: ID!) {
  videoStatus(videoId: $videoId) {
    videoId
    status
    videoUrl
    thumbnailUrl
    failureMessage
  }
}
`;

/**
 * Last tab: the entity query a federation router sends. Needs `Query._entities`, which only the
 * federated build has; any other build answers a validation error. Its groupId is a placeholder.
 */
export const FEDERATION_ENTITIES_EXAMPLE = /* GraphQL */ `# Federation: the query a router sends to resolve an
# AvatarGroup by its key. Paste a groupId below; one
# HeyGen does not know answers null. Needs the
# federated build (Query._entities): any other build
# answers a validation error.
query FederationEntities {
  _entities(
    representations: [{
      __typename: "AvatarGroup"
      groupId: "paste a groupId"
    }]
  ) {
    ... on AvatarGroup {
      groupId
      name
      looksCount
    }
  }
}
`;
